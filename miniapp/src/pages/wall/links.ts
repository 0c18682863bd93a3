// Pages of the wall's subpackage, opened from the tab page.
export const WALL_MINE_PAGE = '/packages/wall/pages/mine/index';
export const WALL_MODERATION_PAGE = '/packages/wall/pages/moderation/index';
