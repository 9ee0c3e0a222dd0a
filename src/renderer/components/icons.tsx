import type { ReactNode } from 'react';

/** Icon names; every icon is decorative (aria-hidden): the control next to it carries the accessible name. */
export type IconName =
  | 'star'
  | 'star-filled'
  | 'search'
  | 'refresh'
  | 'settings'
  | 'list'
  | 'lock'
  | 'help'
  | 'check'
  | 'warning'
  | 'block'
  | 'info'
  | 'connect'
  | 'download'
  | 'copy'
  | 'external'
  | 'close'
  | 'up'
  | 'down'
  | 'edit'
  | 'trash'
  | 'upload'
  | 'folder'
  | 'clock'
  | 'server'
  | 'cloud'
  | 'power';

const PATHS: Readonly<Record<IconName, ReactNode>> = {
  star: <path d="M12 3.5l2.6 5.3 5.9.9-4.2 4.1 1 5.8L12 16.9l-5.3 2.7 1-5.8-4.2-4.1 5.9-.9z" fill="none" />,
  'star-filled': <path d="M12 3.5l2.6 5.3 5.9.9-4.2 4.1 1 5.8L12 16.9l-5.3 2.7 1-5.8-4.2-4.1 5.9-.9z" fill="currentColor" />,
  search: (
    <>
      <circle cx="11" cy="11" r="6.5" fill="none" />
      <path d="M16 16l4.5 4.5" />
    </>
  ),
  refresh: <path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4v4.5H15" fill="none" />,
  settings: (
    <>
      <circle cx="12" cy="12" r="3" fill="none" />
      <path
        d="M12 2.8v2.4M12 18.8v2.4M4.2 7.5l2 1.2M17.8 15.3l2 1.2M4.2 16.5l2-1.2M17.8 8.7l2-1.2"
        fill="none"
      />
      <circle cx="12" cy="12" r="7" fill="none" />
    </>
  ),
  list: <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />,
  lock: (
    <>
      <rect x="5" y="11" width="14" height="9.5" rx="2" fill="none" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" />
    </>
  ),
  help: (
    <>
      <circle cx="12" cy="12" r="8.5" fill="none" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 16.5h.01" fill="none" />
    </>
  ),
  check: <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" />,
  warning: <path d="M12 4l9 16H3zM12 10v4.5M12 17.5h.01" fill="none" />,
  block: (
    <>
      <circle cx="12" cy="12" r="8.5" fill="none" />
      <path d="M6 6l12 12" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="8.5" fill="none" />
      <path d="M12 11v5.5M12 7.5h.01" />
    </>
  ),
  connect: <path d="M4 6.5h16v10H4zM9 20h6M12 16.5V20M10 10l2.5 2-2.5 2" fill="none" />,
  download: <path d="M12 4v11M7.5 11l4.5 4.5 4.5-4.5M5 19.5h14" fill="none" />,
  upload: <path d="M12 16V5M7.5 9.5L12 5l4.5 4.5M5 19.5h14" fill="none" />,
  copy: (
    <>
      <rect x="8.5" y="8.5" width="11" height="11" rx="2" fill="none" />
      <path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5" fill="none" />
    </>
  ),
  external: <path d="M14 4.5h5.5V10M19.5 4.5L11 13M17 14v4.5a1 1 0 0 1-1 1H5.5a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1H10" fill="none" />,
  close: <path d="M6 6l12 12M18 6L6 18" />,
  up: <path d="M6 14.5l6-6 6 6" fill="none" />,
  down: <path d="M6 9.5l6 6 6-6" fill="none" />,
  edit: <path d="M4.5 19.5l1-4 10-10 3 3-10 10zM13.5 7.5l3 3" fill="none" />,
  trash: <path d="M5 7h14M10 7V4.5h4V7M7 7l1 12.5h8L17 7M10.5 11v5M13.5 11v5" fill="none" />,
  folder: <path d="M3.5 7a1.5 1.5 0 0 1 1.5-1.5h4.5l2 2H19a1.5 1.5 0 0 1 1.5 1.5v8.5A1.5 1.5 0 0 1 19 19H5a1.5 1.5 0 0 1-1.5-1.5z" fill="none" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="8.5" fill="none" />
      <path d="M12 7.5V12l3 2" fill="none" />
    </>
  ),
  server: (
    <>
      <rect x="4.5" y="4.5" width="15" height="6" rx="1.5" fill="none" />
      <rect x="4.5" y="13.5" width="15" height="6" rx="1.5" fill="none" />
      <path d="M8 7.5h.01M8 16.5h.01" />
    </>
  ),
  cloud: <path d="M7 18.5a4 4 0 0 1-.6-8 5.5 5.5 0 0 1 10.7 1.3A3.4 3.4 0 0 1 17 18.5z" fill="none" />,
  power: <path d="M12 3.5v8M7.2 6.8a7 7 0 1 0 9.6 0" fill="none" />,
};

/** A 24×24 stroke icon in the current text colour. */
export function Icon({ name, size = 16, className }: { readonly name: IconName; readonly size?: number; readonly className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
