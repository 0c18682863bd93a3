// The secrets step of route(): on Lambda, this function's secrets are read from SSM at cold start (lib/secrets.ts);
// when SSM cannot answer, the request gets 503 (try again), never a 500. Locally it does nothing.
import { UnavailableError } from '../errors';
import { loadSecrets } from '../secrets';

export async function secretsStep(): Promise<void> {
  try {
    await loadSecrets();
  } catch (err) {
    throw new UnavailableError(err);
  }
}
