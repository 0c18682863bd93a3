// WeChat draws the title bar and its back arrow from the page config (navigationBarTitleText).
export function NavBar() {
  return null;
}
