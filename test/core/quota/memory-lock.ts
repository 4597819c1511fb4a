// An in-memory Lock for tests: counts acquisitions and can be made to refuse.
import type { Lock } from '../../../src/core/ports';

export class MemoryLock implements Lock {
  held = false;
  acquired = 0;
  refuse = false;

  attempts = 0;

  tryLock(_timeoutMs: number): boolean {
    this.attempts++;
    if (this.refuse || this.held) return false;
    this.held = true;
    this.acquired++;
    return true;
  }

  release(): void {
    this.held = false;
  }
}
