import { CLOUDS } from '../../clouds';
import type { AadExtension, Machine } from '../../domain/machine';
import { extractErrorCodes, toSignedDecimal } from '../error-codes';
import type { Evidence, Finding, FindingCode } from '../finding';
import type { ReadinessInput } from '../input';
import { clip, listEvidence, makeFinding, type ReadinessRule } from './rule';

const id = 'extension';

/** Publisher of the Entra sign-in extension; identify it by publisher + type, its resource name is arbitrary (facts §3.3). */
export const AAD_EXTENSION_PUBLISHER = 'Microsoft.Azure.ActiveDirectory';
/** Type of the Entra sign-in extension for Windows. */
export const AAD_EXTENSION_TYPE = 'AADLoginForWindows';

/** True when the extension record is the Entra sign-in extension for Windows. */
export function isAadLoginExtension(extension: Pick<AadExtension, 'publisher' | 'type'>): boolean {
  return (
    extension.publisher.toLowerCase() === AAD_EXTENSION_PUBLISHER.toLowerCase() &&
    extension.type.toLowerCase() === AAD_EXTENSION_TYPE.toLowerCase()
  );
}

/** Where to look on the machine and what it must reach: the seed's troubleshooting steps, for this cloud and kind. */
function troubleshootingEvidence(machine: Machine): Evidence {
  const cloud = CLOUDS[machine.cloud];
  const loginHost = cloud.authorityHost.replace(/^https:\/\//, '');
  return {
    imdsEndpoint: machine.kind === 'azure-vm' ? 'http://169.254.169.254' : 'http://localhost:40342',
    registrationEndpoint: `https://${cloud.deviceRegistrationHost}`,
    loginEndpoint: cloud.authorityHost,
    deviceLoginEndpoint: `https://device.${loginHost}`,
    pasEndpoint: `https://${cloud.pasHost}`,
    tenantId: machine.tenantId,
  };
}

/** Maps a failed extension's status to the seed's troubleshooting cases. */
export function classifyExtensionFailure(extension: Pick<AadExtension, 'statusCode' | 'statusMessage'>): {
  code: FindingCode;
  exitCodes: string[];
} {
  const text = `${extension.statusCode ?? ''}\n${extension.statusMessage ?? ''}`;
  const exitCodes = extractErrorCodes(text).map((c) => c.canonical);
  const has = (...codes: string[]): boolean => codes.some((c) => exitCodes.includes(c));
  if (has('1007', '0x801C0042')) return { code: 'EXTENSION_FAILED_1007_MSI', exitCodes };
  if (has('0x801C0021')) return { code: 'EXTENSION_FAILED_DISCOVERY', exitCodes };
  if (has('51') || /(isn'?t|is not|not) supported on this operating system|unsupported operating system/i.test(text)) {
    return { code: 'EXTENSION_FAILED_UNSUPPORTED_OS', exitCodes };
  }
  if (/already exists|duplicat/i.test(text)) return { code: 'EXTENSION_FAILED_DUPLICATE_DEVICE', exitCodes };
  return { code: 'EXTENSION_FAILED_UNKNOWN', exitCodes };
}

function isFailed(extension: AadExtension): boolean {
  return /failed|canceled|cancelled/i.test(extension.provisioningState) || /\/failed(\/|$)/i.test(extension.statusCode ?? '');
}

/** The AADLoginForWindows extension must be installed successfully for the device to complete the Entra join. */
function run(input: ReadinessInput): Finding[] {
  const { machine } = input;
  const extension = machine.aadExtension;
  const help = troubleshootingEvidence(machine);
  if (extension === null || !isAadLoginExtension(extension)) {
    return [
      makeFinding(
        id,
        'EXTENSION_MISSING',
        'block',
        {
          expectedPublisher: AAD_EXTENSION_PUBLISHER,
          expectedType: AAD_EXTENSION_TYPE,
          foundPublisher: extension?.publisher ?? null,
          foundType: extension?.type ?? null,
          machineKind: machine.kind,
        },
        'aadExtension',
      ),
    ];
  }
  const base: Evidence = {
    extensionName: extension.name,
    typeHandlerVersion: extension.typeHandlerVersion ?? null,
    provisioningState: extension.provisioningState,
    statusCode: extension.statusCode ?? null,
    statusMessage: clip(extension.statusMessage),
  };
  const state = extension.provisioningState.toLowerCase();

  if (isFailed(extension)) {
    const { code, exitCodes } = classifyExtensionFailure(extension);
    const hresult = exitCodes.find((c) => toSignedDecimal(c) !== null);
    return [
      makeFinding(
        id,
        code,
        'block',
        {
          ...base,
          exitCodes: listEvidence(exitCodes),
          exitCodeDecimal: hresult === undefined ? null : toSignedDecimal(hresult),
          ...help,
        },
        'aadExtension',
      ),
    ];
  }
  if (state === 'succeeded') return [];
  if (state === 'creating' || state === 'updating') {
    return [makeFinding(id, 'EXTENSION_PROVISIONING', 'warn', base, 'aadExtension')];
  }
  if (state === 'deleting') {
    return [
      makeFinding(
        id,
        'EXTENSION_MISSING',
        'block',
        { ...base, expectedPublisher: AAD_EXTENSION_PUBLISHER, expectedType: AAD_EXTENSION_TYPE, machineKind: machine.kind },
        'aadExtension',
      ),
    ];
  }
  return [makeFinding(id, 'EXTENSION_FAILED_UNKNOWN', 'block', { ...base, exitCodes: null, ...help }, 'aadExtension')];
}

/** State of the AADLoginForWindows extension, with the failure case its status message points to. */
export const extensionRule: ReadinessRule = { id, run };
