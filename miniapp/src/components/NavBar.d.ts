// Implemented per platform: NavBar.h5.tsx (a title bar with a back control: the browser has none of its own) and
// NavBar.weapp.tsx (nothing: WeChat draws the navigation bar from the page config).
import type { ReactElement } from 'react';

export declare function NavBar(): ReactElement | null;
