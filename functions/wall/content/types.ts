// One interface for the content check, so the service never knows which implementation answers.
export type ContentSuggest = 'pass' | 'review' | 'risky';

export interface ContentVerdict {
  suggest: ContentSuggest;
  provider: 'local' | 'wechat';
  /** What was matched or flagged (for staff), e.g. a word-list category or WeChat's label. */
  label: string | null;
}

export interface ContentCheckInput {
  text: string;
  /** The author's WeChat openid (msgSecCheck v2 requires it). */
  openid: string;
  /** msgSecCheck's scene: 1 profile (nicknames), 2 comment (wall messages, the default), 3 forum, 4 social log. */
  scene?: 1 | 2 | 3 | 4;
}

export interface ContentChecker {
  readonly name: 'local' | 'wechat';
  /** Never throws for a checker failure: an unchecked text is reported as `review`, so it is never published unseen. */
  check(input: ContentCheckInput): Promise<ContentVerdict>;
}
