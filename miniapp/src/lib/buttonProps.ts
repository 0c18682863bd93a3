// Taro's <Button> is a web component on H5: `disabled={false}` still sets the attribute (greyed out, text hidden),
// so these props are only passed when true. Spread them: <Button {...buttonProps({ loading: busy, disabled: busy })}>.
export function buttonProps(state: { disabled?: boolean; loading?: boolean }): {
  disabled?: true;
  loading?: true;
} {
  return {
    ...(state.disabled ? { disabled: true as const } : {}),
    ...(state.loading ? { loading: true as const } : {}),
  };
}
