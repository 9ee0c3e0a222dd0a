import { useEffect, useRef } from 'react';

import { Icon } from '../../components/icons';
import { shortcutHelp } from '../../model/shortcuts';
import { useUi } from '../../state/ui';

/**
 * The keyboard shortcuts, from the same table the key handler uses. A native modal dialog: the browser traps focus
 * inside it, Esc closes it, and focus returns to where it was.
 */
export function HelpOverlay({ isMac }: { readonly isMac: boolean }) {
  const open = useUi((state) => state.helpOpen);
  const setHelpOpen = useUi((state) => state.setHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={() => setHelpOpen(false)}>
      <div className="help-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => setHelpOpen(false)}>
          <Icon name="close" />
        </button>
      </div>
      {shortcutHelp(isMac).map((section) => (
        <section key={section.section} aria-label={section.section}>
          <h3>{section.section}</h3>
          <dl className="shortcuts">
            {section.items.map((item) => (
              <div key={item.description}>
                <dt>
                  {item.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? <span className="muted"> or </span> : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{item.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
