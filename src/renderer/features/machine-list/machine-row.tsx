import { memo } from 'react';

import type { ListedMachine } from '../../../shared/ipc/schemas';
import { RightBadge, VerdictBadge } from '../../components/badges';
import { Icon } from '../../components/icons';
import { kindLabel, stateLabel, stateTone, subscriptionLabel } from '../../model/machine-facts';

/** Height of a machine row and of a group header, in pixels (fixed: the virtualizer needs no measuring). */
export const ROW_HEIGHT = 56;
export const GROUP_HEIGHT = 34;

/** DOM id of a machine's row, for aria-activedescendant. */
export function rowIdOf(listId: string, index: number): string {
  return `${listId}-row-${index}`;
}

interface MachineRowProps {
  readonly machine: ListedMachine;
  readonly id: string;
  readonly top: number;
  readonly selected: boolean;
  readonly starred: boolean;
  readonly position: number;
  readonly setSize: number;
  readonly onSelect: (machine: ListedMachine) => void;
  readonly onActivate: (machine: ListedMachine) => void;
  readonly onToggleStar: (machine: ListedMachine) => void;
}

/**
 * One machine: name and computer name, where it lives, state, verdict badge and sign-in right. An option of the
 * listbox, so it holds no buttons (nested interactive controls are invisible to screen readers); the star is a
 * pointer shortcut, the keyboard uses F / Ctrl+D and the details pane has a real button.
 */
export const MachineRow = memo(function MachineRow(props: MachineRowProps) {
  const { machine, selected } = props;
  return (
    <div
      id={props.id}
      role="option"
      aria-selected={selected}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
      data-testid="machine-row"
      data-machine-id={machine.id}
      className={selected ? 'row selected' : 'row'}
      style={{ top: props.top, height: ROW_HEIGHT }}
      onClick={() => props.onSelect(machine)}
      onDoubleClick={() => props.onActivate(machine)}
    >
      <RowContent machine={machine} starred={props.starred} onToggleStar={props.onToggleStar} />
    </div>
  );
});

/**
 * What a row shows. Separate from the row itself because every keystroke changes each row's aria-setsize, and the
 * contents need rendering again only when the row shows another machine.
 */
const RowContent = memo(function RowContent({
  machine,
  starred,
  onToggleStar,
}: Pick<MachineRowProps, 'machine' | 'starred' | 'onToggleStar'>) {
  const showComputerName = machine.computerName !== undefined && machine.computerName.toLowerCase() !== machine.name.toLowerCase();
  return (
    <>
      <span
        className={starred ? 'star starred' : 'star'}
        title={starred ? 'Remove from favorites' : 'Add to favorites'}
        onClick={(event) => {
          event.stopPropagation();
          onToggleStar(machine);
        }}
      >
        <Icon name={starred ? 'star-filled' : 'star'} size={16} />
        {starred ? <span className="sr-only">Favorite. </span> : null}
      </span>
      {/* Two lines in one clipping box each (text-overflow cuts every line on its own): a clipping box is a paint
          layer of its own, and four per row cost a millisecond of every frame at 12,000 machines. */}
      <span className="row-main">
        <strong>{machine.name}</strong>
        {showComputerName ? <span className="muted">{` · ${machine.computerName ?? ''}`}</span> : null}
        <br />
        <span className="row-sub muted">{`${subscriptionLabel(machine)} · ${machine.resourceGroup} · ${machine.location}`}</span>
      </span>
      <span className="row-state">
        <span className="kind">{kindLabel(machine.kind)}</span>
        <br />
        <span className={`state tone-${stateTone(machine)}`}>{stateLabel(machine)}</span>
      </span>
      <span className="row-badges">
        <VerdictBadge status={machine.verdict.status} icon={false} />
        <RightBadge right={machine.access.right} icon={false} />
      </span>
    </>
  );
});
