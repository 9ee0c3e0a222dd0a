import type { Evidence, Finding } from '../finding';
import type { ClientJoinState, ReadinessInput } from '../input';
import { formatWindowsBuild } from '../windows-build';
import { listEvidence, makeFinding, type ReadinessRule } from './rule';

const id = 'client-password';

/** Windows 10 2004 (20H1): the first build where an Entra *registered* PC may start the connection. */
export const MIN_REGISTERED_CLIENT_BUILD = 19041;

const sameTenant = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

function joinEvidence(join: ClientJoinState, machineTenantId: string): Evidence {
  return {
    joinType: join.joinType,
    clientTenantId: join.tenantId,
    clientTenantName: join.tenantName,
    workplaceTenantIds: listEvidence(join.workplaceTenantIds),
    clientTenants: listEvidence([...new Set([...(join.tenantId === null ? [] : [join.tenantId]), ...join.workplaceTenantIds])]),
    machineTenantId,
  };
}

/**
 * The password method (NLA over PKU2U) is allowed "only from Windows 10 or later PCs that are either Microsoft Entra
 * registered (minimum required build is 20H1) or Microsoft Entra joined or Microsoft Entra hybrid joined to the same
 * directory as the VM", with PKU2U allowed on both ends; registered PCs type `AzureAD\UPN`.
 */
function run(input: ReadinessInput): Finding[] {
  if (input.preferences.signInMethod !== 'password') return [];
  const { client, machine } = input;
  if (client === undefined) return [makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { reason: 'local PC not checked' }, 'client')];
  if (client.kind === 'unknown') return [makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { reason: client.reason }, 'client')];
  if (client.kind === 'not-windows') {
    return [makeFinding(id, 'CLIENT_NOT_WINDOWS_FOR_PASSWORD', 'block', { platform: client.platform }, 'client')];
  }

  const findings: Finding[] = [];
  if (client.pku2uAllowOnlineId === false) {
    findings.push(makeFinding(id, 'PKU2U_DISABLED', 'block', { allowOnlineId: 0 }, 'client'));
  }
  const join = client.join;
  if (join.kind !== 'parsed') {
    findings.push(makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { reason: `dsregcmd ${join.kind}: ${join.reason}` }, 'client'));
    return findings;
  }

  const evidence = joinEvidence(join, machine.tenantId);
  const deviceJoined = join.joinType === 'entra-joined' || join.joinType === 'hybrid-joined';
  if (deviceJoined && sameTenant(join.tenantId, machine.tenantId)) return findings;

  const registeredHere = join.workplaceTenantIds.some((t) => sameTenant(t, machine.tenantId));
  const registeredTenantUnknown = join.workplaceJoined === true && join.workplaceTenantIds.length === 0;
  if (registeredHere || (registeredTenantUnknown && !deviceJoined)) {
    if (registeredTenantUnknown) {
      findings.push(
        makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { ...evidence, reason: 'Entra registered, but dsregcmd shows no WorkplaceTenantId' }, 'client'),
      );
    }
    const build = client.build;
    if (build === null) {
      findings.push(makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { ...evidence, reason: 'Windows build of this PC unknown' }, 'client'));
    } else if (build.build < MIN_REGISTERED_CLIENT_BUILD) {
      findings.push(
        makeFinding(
          id,
          'CLIENT_REGISTERED_BUILD_TOO_OLD',
          'block',
          { ...evidence, clientBuild: formatWindowsBuild(build), minimumBuild: MIN_REGISTERED_CLIENT_BUILD },
          'client',
        ),
      );
      return findings;
    }
    findings.push(
      makeFinding(id, 'CLIENT_REGISTERED_NEEDS_AZUREAD_PREFIX', 'warn', { ...evidence, username: `AzureAD\\${input.account.upn}` }, 'client'),
    );
    return findings;
  }

  if (deviceJoined && join.tenantId === null) {
    findings.push(makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { ...evidence, reason: 'joined, but dsregcmd shows no TenantId' }, 'client'));
    return findings;
  }
  if (deviceJoined || join.workplaceTenantIds.length > 0) {
    findings.push(makeFinding(id, 'CLIENT_JOINED_OTHER_TENANT', 'block', evidence, 'client'));
    return findings;
  }
  if (join.joinType === 'unknown') {
    findings.push(makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'warn', { ...evidence, reason: 'dsregcmd output incomplete' }, 'client'));
    return findings;
  }
  findings.push(makeFinding(id, 'CLIENT_NOT_JOINED_FOR_PASSWORD', 'block', evidence, 'client'));
  return findings;
}

/** Whether this PC may use the password (legacy) method to this machine. */
export const clientPasswordRule: ReadinessRule = { id, run };
