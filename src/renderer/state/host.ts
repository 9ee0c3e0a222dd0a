/**
 * What the stores may ask of the page they run in. main.tsx supplies the browser's versions; tests supply fakes,
 * so the stores stay free of DOM globals and run in Node.
 */
export interface HostActions {
  /** Opens a page in a new browser tab (the demo's stand-in for the system browser). */
  readonly openUrl: (url: string) => void;
  /** Milliseconds on a monotonic clock, for the performance marks the UI benchmark reads. */
  readonly now: () => number;
  /** Records a named performance mark (no-op where unsupported). */
  readonly mark: (name: string) => void;
}

let current: HostActions = { openUrl: () => undefined, now: () => Date.now(), mark: () => undefined };

/** Installs the host actions; called once from main.tsx (and by tests). */
export function setHostActions(actions: HostActions): void {
  current = actions;
}

/** The installed host actions. */
export function hostActions(): HostActions {
  return current;
}
