import { readFile } from 'node:fs/promises';

import { type CliCommand, parseCliArgs } from '../command';
import { createNodeClientStateDeps, readClientState } from '../../readiness/client-state';
import { AppError } from '../../../shared/errors/app-error';
import { fillTemplate } from '../../../shared/readiness/catalogue';
import { parseDsregcmdStatus } from '../../../shared/readiness/dsregcmd';
import { explainError } from '../../../shared/readiness/explain';
import type { ClientJoinState } from '../../../shared/readiness/input';

/** `explain "<message or code>"`: the catalogue entries that match what the user saw, best first. */
export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain an error message or code seen in Remote Desktop, the portal or the extension.',
  usage: 'explain "<message or code>" [--json]',
  run(argv, io) {
    // Exit codes such as -2145648574 look like options to a parser; take them as text.
    const isNegativeNumber = (arg: string) => /^-\d+$/.test(arg);
    const { values, positionals } = parseCliArgs(argv.filter((arg) => !isNegativeNumber(arg)), {
      json: { type: 'boolean', default: false },
    });
    const text = [...positionals, ...argv.filter(isNegativeNumber)].join(' ').trim();
    if (text === '') throw new AppError('VALIDATION_FAILED', 'Give the message or code to explain, in quotes.');
    const matches = explainError(text);
    if (values.json) {
      io.out(
        JSON.stringify(
          matches.map(({ entry, score, matchedOn }) => ({
            id: entry.id,
            title: entry.title,
            score,
            matchedOn,
            summary: entry.summary,
            causes: entry.causes,
            userSteps: entry.userSteps,
            adminSteps: entry.adminSteps,
            docUrl: entry.docUrl,
          })),
          null,
          2,
        ),
      );
      return Promise.resolve(matches.length > 0 ? 0 : 1);
    }
    if (matches.length === 0) {
      io.out('No known explanation matches that text. Try the exact message, or the error code (e.g. 0x801C0042).');
      return Promise.resolve(1);
    }
    for (const { entry, score } of matches.slice(0, 3)) {
      io.out(
        [
          `${entry.title}  (${entry.id}, match ${Math.round(score * 100)}%)`,
          `  ${fillTemplate(entry.summary)}`,
          entry.causes.length > 0 ? `  Causes:\n${entry.causes.map((line) => `    - ${line}`).join('\n')}` : '',
          entry.userSteps.length > 0 ? `  What you can do:\n${entry.userSteps.map((line) => `    - ${line}`).join('\n')}` : '',
          entry.adminSteps.length > 0 ? `  For your administrator:\n${entry.adminSteps.map((line) => `    - ${line}`).join('\n')}` : '',
          `  More: ${entry.docUrl}`,
          '',
        ]
          .filter((line) => line !== '')
          .join('\n'),
      );
    }
    return Promise.resolve(0);
  },
};

/** The fields `client-state --json` promises, in this order. */
function joinSummary(state: ClientJoinState) {
  return {
    joinType: state.joinType,
    azureAdJoined: state.azureAdJoined,
    domainJoined: state.domainJoined,
    enterpriseJoined: state.enterpriseJoined,
    workplaceJoined: state.workplaceJoined,
    tenantId: state.tenantId,
    tenantName: state.tenantName,
    azureAdPrt: state.azureAdPrt,
    deviceName: state.deviceName,
    domainName: state.domainName,
    workplaceTenantIds: state.workplaceTenantIds,
  };
}

/**
 * `client-state`: this computer's Entra join state (dsregcmd /status on Windows), or a saved dsregcmd output.
 * Unparseable input exits non-zero and prints no guess.
 */
export const clientStateCommand: CliCommand = {
  name: 'client-state',
  summary: "Show this computer's Entra join state (only matters for the legacy password sign-in).",
  usage: 'client-state [--dsregcmd-file FILE] [--json]',
  async run(argv, io) {
    const { values } = parseCliArgs(argv, { 'dsregcmd-file': { type: 'string' }, json: { type: 'boolean', default: false } });
    const file = values['dsregcmd-file'];
    let join: ReturnType<typeof parseDsregcmdStatus> | { kind: 'unavailable'; reason: string };
    let extra: Record<string, unknown> = {};
    if (file !== undefined) {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new AppError('VALIDATION_FAILED', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      });
      join = parseDsregcmdStatus(text);
    } else {
      const state = await readClientState(createNodeClientStateDeps());
      if (state.kind !== 'windows') {
        const reason = state.kind === 'not-windows' ? `this is ${state.platform}, not Windows: dsregcmd does not exist here` : state.reason;
        io.err(`Join state unknown: ${reason}. Use --dsregcmd-file with saved "dsregcmd /status" output.`);
        return 1;
      }
      join = state.join;
      extra = { build: state.build, installationType: state.installationType, pku2uAllowOnlineId: state.pku2uAllowOnlineId };
    }
    if (join.kind !== 'parsed') {
      io.err(`Could not read the join state: ${join.reason}`);
      return 1;
    }
    const summary = { ...joinSummary(join), ...extra };
    if (values.json) io.out(JSON.stringify(summary, null, 2));
    else {
      io.out(
        [
          `Join type:        ${join.joinType}`,
          `AzureAdJoined:    ${String(join.azureAdJoined)}`,
          `DomainJoined:     ${String(join.domainJoined)}`,
          `EnterpriseJoined: ${String(join.enterpriseJoined)}`,
          `WorkplaceJoined:  ${String(join.workplaceJoined)}`,
          `Tenant:           ${join.tenantName ?? '—'} (${join.tenantId ?? '—'})`,
          `AzureAdPrt:       ${String(join.azureAdPrt)}`,
          '',
          'Web-account sign-in (the default) does not need this computer joined. The legacy password sign-in needs it',
          "Entra joined or hybrid joined to the VM's tenant, or registered with the AzureAD\\UPN user name.",
        ].join('\n'),
      );
    }
    return 0;
  },
};
