// What a throttle refuses with, for the quota tests: the QuotaExhaustedError `fn` throws.
import { isQuotaExhaustedError, type QuotaExhaustedError } from '../../../src/core/quota/quota-exhausted';

export function refusal(fn: () => void): QuotaExhaustedError {
  try {
    fn();
  } catch (e) {
    if (isQuotaExhaustedError(e)) return e;
    throw e;
  }
  throw new Error('expected a QuotaExhaustedError');
}
