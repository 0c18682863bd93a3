import { Input, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface FormFieldProps {
  /** The form's class block: `rc-merchant-form` styles rc-merchant-form__field, __label, __input and __error. */
  block: string;
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

/** One labelled control of a form, with its error (from checkForm or the API's 422) under it. */
export function FormField({
  block,
  label,
  error,
  value,
  placeholder,
  type = 'text',
  name,
  onInput,
  children,
}: FormFieldProps) {
  return (
    <View className={`${block}__field`}>
      <View className={`${block}__label`}>{label}</View>
      {children ?? (
        <Input
          className={`${block}__input`}
          name={name}
          type={type}
          value={value}
          placeholder={placeholder}
          onInput={(e) => onInput?.(e.detail.value)}
        />
      )}
      {error ? <View className={`${block}__error`}>{error}</View> : null}
    </View>
  );
}
