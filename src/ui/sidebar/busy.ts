// The one spinner: shown while any server call the user waits for is out, announced once to screen readers.

let pending = 0;
let spinner: HTMLElement | null = null;

export const busy = {
  /** The element that shows the spinner; created by the page at start-up. */
  attach(element: HTMLElement): void {
    spinner = element;
    render();
  },
  /** Marks one call as started; returns the function that marks it finished. */
  start(): () => void {
    pending += 1;
    render();
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      pending -= 1;
      render();
    };
  },
  get active(): boolean {
    return pending > 0;
  },
};

function render(): void {
  if (!spinner) return;
  spinner.hidden = pending === 0;
  document.body.setAttribute('aria-busy', pending > 0 ? 'true' : 'false');
}
