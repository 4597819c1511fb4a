// An in-memory Lock for tests: counts acquisitions and can be made to refuse.
import type { Lock } from '../../../src/core/ports';

export class MemoryLock implements Lock {
  held = false;
  acquired = 0;
  refuse = false;

  tryLock(_timeoutMs: number): boolean {
    if (this.refuse || this.held) return false;
    this.held = true;
    this.acquired++;
    return true;
  }

  release(): void {
    this.held = false;
  }
}
