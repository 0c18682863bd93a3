// Taro's <Button> is a web component on H5: `disabled={false}` would still set the attribute (and grey it out), so
// the busy props are only passed while busy.
export function whileBusy(busy: boolean): { loading?: true; disabled?: true } {
  return busy ? { loading: true, disabled: true } : {};
}
