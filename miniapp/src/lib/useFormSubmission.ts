// One form's submission: check with the API's schema (checkForm), send, and put the API's refusal in place: its
// field errors under the fields, its message wherever the form shows it.
import { useState } from 'react';
import type * as z from 'zod/v4/core';
import { toApiError, type ApiError } from '../api/client';
import { checkForm, type FieldErrors } from './form';

export interface FormSubmissionOptions {
  /** How errors are keyed for this form's controls (e.g. byTopField); as the server keys them by default. */
  keyErrors?: (errors: FieldErrors) => FieldErrors;
  /** Called when the API refused (after its field errors are in place), e.g. to show a toast. */
  onFailure?: (error: ApiError) => void;
}

export interface FormSubmission {
  /** From the schema check or from the API's 422. */
  errors: FieldErrors;
  /** The API's refusal of the last try (its message is Chinese: show it as is). */
  failure: ApiError | null;
  busy: boolean;
  /** Checks `value` with `schema`; when it passes, runs `send` (busy meanwhile). */
  submit<S extends z.$ZodType>(
    schema: S,
    value: unknown,
    send: (data: z.output<S>) => Promise<void>,
  ): Promise<void>;
}

/** The state of one form's submission: errors under the fields, the API's refusal, and the busy flag. */
export function useFormSubmission({
  keyErrors = (e) => e,
  onFailure,
}: FormSubmissionOptions = {}): FormSubmission {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit<S extends z.$ZodType>(
    schema: S,
    value: unknown,
    send: (data: z.output<S>) => Promise<void>,
  ) {
    const checked = checkForm(schema, value);
    if (!checked.ok) return setErrors(keyErrors(checked.errors));
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await send(checked.data);
    } catch (err) {
      const apiError = toApiError(err);
      setErrors(keyErrors(apiError.fields));
      setFailure(apiError);
      onFailure?.(apiError);
    } finally {
      setBusy(false);
    }
  }

  return { errors, failure, busy, submit };
}
