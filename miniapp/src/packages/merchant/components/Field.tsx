import { Input, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface FieldProps {
  label: string;
  error?: string;
  /** A text input; pass `children` for any other control. */
  value?: string;
  placeholder?: string;
  type?: 'text' | 'number';
  name?: string;
  onInput?: (value: string) => void;
  children?: ReactNode;
}

export function Field({
  label,
  error,
  value,
  placeholder,
  type = 'text',
  name,
  onInput,
  children,
}: FieldProps) {
  return (
    <View className="rc-merchant-form__field">
      <View className="rc-merchant-form__label">{label}</View>
      {children ?? (
        <Input
          className="rc-merchant-form__input"
          name={name}
          type={type}
          value={value}
          placeholder={placeholder}
          onInput={(e) => onInput?.(e.detail.value)}
        />
      )}
      {error ? <View className="rc-merchant-form__error">{error}</View> : null}
    </View>
  );
}
