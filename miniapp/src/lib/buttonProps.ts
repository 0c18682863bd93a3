// Taro's <Button> is a web component on H5: `disabled={false}` still sets the attribute (greyed out, text hidden),
// so these props are only passed when true. And a disabled <Button> still fires its tap handler (on H5 the web
// component does not swallow the click), so the handler given here does nothing while the button is disabled or busy.
// Spread them: <Button {...buttonProps({ loading: busy, disabled: busy, onClick: save })}>.
export interface ButtonState<E> {
  disabled?: boolean;
  loading?: boolean;
  onClick?: (event: E) => void;
}

export function buttonProps<E = unknown>(
  state: ButtonState<E>,
): {
  disabled?: true;
  loading?: true;
  onClick?: (event: E) => void;
} {
  const blocked = !!state.disabled || !!state.loading;
  const { onClick } = state;
  return {
    ...(state.disabled ? { disabled: true as const } : {}),
    ...(state.loading ? { loading: true as const } : {}),
    // Always a handler (Taro's H5 wrapper of the web component does not rebind one that came and went), which
    // does nothing while the button is disabled or busy.
    ...(onClick ? { onClick: (event: E) => (blocked ? undefined : onClick(event)) } : {}),
  };
}
