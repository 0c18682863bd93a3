// Taro's <Button> is a web component on H5: `disabled={false}` still sets the attribute (greyed out, text hidden),
// so these props are only passed when true.
export function buttonProps(options: { disabled?: boolean; loading?: boolean }): {
  disabled?: true;
  loading?: true;
} {
  return {
    ...(options.disabled ? { disabled: true as const } : {}),
    ...(options.loading ? { loading: true as const } : {}),
  };
}
