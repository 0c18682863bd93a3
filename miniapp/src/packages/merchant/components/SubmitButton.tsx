// The end of a merchant form: the API's refusal of the last try, then the submit button.
import { Button, View } from '@tarojs/components';
import type { FormSubmission } from '../../../lib/useFormSubmission';
import { buttonProps } from '../../../lib/buttonProps';

export interface SubmitButtonProps {
  submission: FormSubmission;
  label: string;
  onSubmit(): void;
}

export function SubmitButton({ submission, label, onSubmit }: SubmitButtonProps) {
  return (
    <>
      {submission.failure ? (
        <View className="rc-merchant-form__error" role="alert">
          {submission.failure.message}
        </View>
      ) : null}
      <Button
        className="rc-merchant-form__submit"
        {...buttonProps({ loading: submission.busy, disabled: submission.busy, onClick: onSubmit })}
      >
        {label}
      </Button>
    </>
  );
}
