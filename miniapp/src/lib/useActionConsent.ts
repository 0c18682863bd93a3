// WeChat asks for a subscription message's consent on each tap, and the answer goes into the action's body. A retry of
// the action (no final answer yet: a lost reply, a 503) must send the same body, or the API client gives it a new
// Idempotency-Key and the API takes it for a second action. So the first answer stands until the action is settled.
import { useRef } from 'react';
import { toApiError } from '../api/client';
import { isFinalAnswer } from '../api/idempotencyKey';

export interface ActionConsent {
  /** The answer of this action: asked on its first try, the same one on its retries. */
  consent(): Promise<boolean>;
  /** After a try: `failure` when it failed. A success or a final refusal ends the action; the next tap asks again. */
  settle(failure?: unknown): void;
}

export function useActionConsent(ask: () => Promise<boolean>): ActionConsent {
  const answer = useRef<boolean | null>(null);
  return {
    async consent() {
      if (answer.current === null) answer.current = await ask();
      return answer.current;
    },
    settle(failure) {
      if (failure === undefined) answer.current = null;
      else {
        const error = toApiError(failure);
        if (isFinalAnswer(error.status, error.code)) answer.current = null;
      }
    },
  };
}
