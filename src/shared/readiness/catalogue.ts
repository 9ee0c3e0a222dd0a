import type { Evidence, FindingCode } from './finding';

/**
 * Human copy for every finding code and for every error message the seed documents. Data only: wording follows the
 * seed ("Sign in to a Windows virtual machine in Azure … using Microsoft Entra ID", /work/shared/seed), paraphrased,
 * with short quotes of the messages users actually see. `{name}` placeholders are filled from a finding's evidence.
 */

/** User-visible messages (dialogs, error text, prompts) the seed explains. */
export const messageIds = [
  'MSG_ACCOUNT_PREVENTED',
  'MSG_CREDENTIALS_DIDNT_WORK',
  'MSG_SIGN_IN_METHOD_NOT_ALLOWED',
  'MSG_VM_SIGN_IN_APP_MISSING',
  'MSG_AADSTS293004',
  'MSG_LOCK_SCREEN_DISCONNECTS',
  'MSG_ALLOW_REMOTE_DESKTOP_PROMPT',
] as const;
/** Id of a catalogue entry for a user-visible message. */
export type MessageId = (typeof messageIds)[number];

/** Id of any catalogue entry: a finding code or a message id. */
export type CatalogueId = FindingCode | MessageId;

/** One catalogue entry: what it means, why it happens, what the user and an admin can do. */
export interface CatalogueEntry {
  readonly id: CatalogueId;
  readonly kind: 'finding' | 'message';
  readonly title: string;
  /** One or two sentences; may hold `{evidenceKey}` placeholders. */
  readonly summary: string;
  readonly causes: readonly string[];
  readonly userSteps: readonly string[];
  readonly adminSteps: readonly string[];
  readonly docUrl: string;
  /** What the explainer matches: message fragments as users see them, and error codes in any form. */
  readonly matchers: { readonly phrases: readonly string[]; readonly codes: readonly string[] };
  /** Entries that describe the same problem from the other side (message ↔ finding). */
  readonly related: readonly CatalogueId[];
}

/** The seed page; anchors are Learn's heading slugs. */
export const VM_DOC = 'https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows';
/** The same article's Arc-enabled server variant. */
export const ARC_DOC = 'https://learn.microsoft.com/entra/identity/devices/howto-arc-sign-in-windows';

const vm = (anchor: string): string => `${VM_DOC}#${anchor}`;
const arc = (anchor: string): string => `${ARC_DOC}#${anchor}`;

const anchors = {
  distributions: 'supported-azure-regions-and-windows-distributions',
  network: 'network-requirements',
  authentication: 'authentication-requirements',
  extension: 'enable-microsoft-entra-sign-in-extension',
  roles: 'configure-role-assignments',
  signIn: 'sign-in-by-using-microsoft-entra-credentials-to-a-windows-vm',
  passwordless: 'sign-in-using-passwordless-authentication-with-microsoft-entra-id',
  password: 'sign-in-using-passwordlimited-passwordless-authentication-with-microsoft-entra-id',
  conditionalAccess: 'enforce-conditional-access-policies',
  deployment: 'troubleshoot-deployment-problems',
  duplicate: 'device-name-already-exists',
  msi: 'terminal-error-code-1007-and-exit-code--2145648574',
  discovery: 'exit-code--2145648607',
  exit51: 'exit-code-51',
  signInProblems: 'troubleshoot-sign-in-problems',
  roleNotAssigned: 'azure-role-not-assigned',
  credentials: 'unauthorized-client-or-password-change-required',
  mfa: 'mfa-sign-in-method-required',
  missingApp: 'missing-application',
  serverCompliance:
    'unable-to-use-this-capability-when-require-compliant-device-conditional-access-policy-is-enforced-on-azure-windows-vm-sign-in-resource-and-you-are-connecting-from-a-windows-server-device',
} as const;

// The seed's generic "Troubleshoot deployment problems" steps, used for every extension failure.
const logStep =
  'Connect to the machine and read CommandExecution.log under C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Azure.ActiveDirectory.AADLoginForWindows\\<version>. If the extension restarted after the first failure, the failed attempt is saved as CommandExecution_YYYYMMDDHHMMSSSSS.log.';
const imdsStep =
  'In PowerShell on the machine, query the Instance Metadata Service (Azure VM: http://169.254.169.254, Arc-enabled server: http://localhost:40342): curl.exe -H Metadata:true "{imdsEndpoint}/metadata/instance?api-version=2017-08-01" must describe the machine; curl.exe -H Metadata:true "{imdsEndpoint}/metadata/identity/info?api-version=2018-02-01" must return a valid tenant ID; curl.exe -H Metadata:true "{imdsEndpoint}/metadata/identity/oauth2/token?resource=urn:ms-drs:enterpriseregistration.windows.net&api-version=2018-02-01" must return an access token whose oid matches the machine\'s managed identity (decode it with https://jwt.ms/).';
const endpointStep =
  'Check that the machine reaches the endpoints over TCP 443: curl.exe {loginEndpoint}/ -D -, {loginEndpoint}/{tenantId}/ -D -, {registrationEndpoint}/ -D -, {deviceLoginEndpoint}/ -D -, {pasEndpoint}/ -D -. A 404 Not Found from the tenant URL, enterpriseregistration and pas is expected.';
const dsregStep =
  'Run dsregcmd /status on the machine: the goal is AzureAdJoined : YES. Join activity is logged in Event Viewer under Applications and Services Logs > Microsoft > Windows > User Device Registration > Admin.';
const deploymentSteps = [logStep, imdsStep, endpointStep, dsregStep] as const;

const roleAdminSteps = [
  'Assign the Virtual Machine User Login role (or Virtual Machine Administrator Login for local administrator rights) to the user on the machine, its resource group or subscription. Assigning needs Virtual Machine Data Access Administrator or another role with Microsoft.Authorization/roleAssignments/write.',
  'Adding the user to the local Administrators group (net localgroup administrators /add "AzureAD\\UserUpn") isn\'t supported: only Azure roles authorize the sign-in.',
  'A new assignment can take a few minutes to apply; the user may need to sign out of RDP Broker and in again so new group memberships count.',
] as const;

type EntryBody = Omit<CatalogueEntry, 'id' | 'kind' | 'matchers' | 'related'> & {
  readonly phrases?: readonly string[];
  readonly codes?: readonly string[];
  readonly related?: readonly CatalogueId[];
};

const findingEntries: Readonly<Record<FindingCode, EntryBody>> = {
  DIAL_NAME_MISSING: {
    title: 'No computer name to connect to',
    summary: "The machine's computer name is not known ({reason}), and there is no address to fall back on.",
    causes: [
      'Web account sign-in needs the name the machine has in Microsoft Entra ID, which is its computer name; the VM agent or the Arc agent has not reported it.',
    ],
    userSteps: [
      'Start the machine if it is off and refresh: the VM agent reports the computer name while the VM runs.',
      "Ask the machine's owner for its computer name (run hostname on the machine).",
    ],
    adminSteps: ['Check that the Azure VM Guest Agent (or the Azure Connected Machine agent) is running and reporting.'],
    docUrl: vm(anchors.passwordless),
  },
  DIAL_NAME_IS_IP: {
    title: 'Only an IP address is known for this machine',
    summary: "An IP address can't be used with web account sign-in, and this machine's computer name is not known.",
    causes: [
      'The seed: an IP address can\'t be used with "Use a web account to sign in to the remote computer"; the name must match the hostname of the remote device in Microsoft Entra ID.',
    ],
    userSteps: [
      "Find the machine's computer name (run hostname on it), then add a DNS record or a hosts entry mapping <computerName> to {ip}.",
      'Or use the password sign-in method, which accepts an IP address, from a PC joined to the same tenant.',
    ],
    adminSteps: ['Publish DNS records for your machines\' computer names (for example an Azure Private DNS zone linked to the virtual network).'],
    docUrl: vm(anchors.passwordless),
    related: ['MSG_AADSTS293004'],
  },
  DIAL_NAME_IP_FALLBACK: {
    title: 'Connecting by IP address',
    summary: 'Dialling {ip}: {reason}.',
    causes: ['The password sign-in method accepts an IP address; web account sign-in would not.'],
    userSteps: ['Nothing to do. To use web account sign-in later, make the computer name resolve (DNS or hosts entry).'],
    adminSteps: [],
    docUrl: vm(anchors.password),
  },
  DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME: {
    title: 'Computer name differs from the Azure resource name',
    summary: 'RDP Broker dials {computerName}, the computer name, not the resource name {resourceName}.',
    causes: [
      'Microsoft Entra ID knows the device by its hostname. Connecting by the resource name (as some tools do) fails with AADSTS293004 when the two differ.',
    ],
    userSteps: ['Connect with {computerName}, and make sure that name resolves from this PC (DNS or hosts file).'],
    adminSteps: ['Keep resource names and computer names equal for new machines, or publish DNS records for the computer names.'],
    docUrl: vm(anchors.passwordless),
    related: ['MSG_AADSTS293004'],
  },
  DNS_UNRESOLVABLE: {
    title: "The computer name doesn't resolve from this PC",
    summary: '{name} could not be resolved ({error}).',
    causes: [
      'For web account sign-in the name must be network addressable, resolving to the IP address of the remote device.',
      'The name may only resolve inside the virtual network or over a VPN.',
    ],
    userSteps: [
      'If you reach the machine over a VPN, connect it first and check again.',
      'Or add a hosts entry on this PC (C:\\Windows\\System32\\drivers\\etc\\hosts, edited as administrator): {ip} {name}',
    ],
    adminSteps: [
      'Publish a DNS record for {name}, for example in an Azure Private DNS zone linked to the virtual network (with auto-registration), or in your corporate DNS.',
    ],
    docUrl: vm(anchors.passwordless),
  },
  DNS_RESOLVES_ELSEWHERE: {
    title: 'The computer name resolves to a different address',
    summary: "{name} resolves to {resolvedTo}, not to one of the machine's addresses ({knownAddresses}).",
    causes: [
      'A stale DNS record or hosts entry, another machine with the same name, or an address the app does not know about (NAT, VPN).',
    ],
    userSteps: [
      'Check the hosts file and DNS for {name}. If the address is right for your network (NAT or VPN), you can connect.',
    ],
    adminSteps: ['Update the DNS record for {name} to the machine\'s address.'],
    docUrl: vm(anchors.passwordless),
  },
  DNS_NOT_CHECKED: {
    title: 'Name resolution not checked yet',
    summary: 'Whether {name} resolves from this PC is checked when you connect.',
    causes: ['The check runs on demand.'],
    userSteps: [],
    adminSteps: [],
    docUrl: vm(anchors.passwordless),
  },
  EXTENSION_MISSING: {
    title: 'Microsoft Entra sign-in extension not installed',
    summary: 'The AADLoginForWindows extension (publisher Microsoft.Azure.ActiveDirectory) is not installed on this machine, so it is not Microsoft Entra joined.',
    causes: [
      'Microsoft Entra sign-in was never enabled on this machine.',
      'The extension was uninstalled after the Microsoft Entra join finished.',
    ],
    userSteps: ["Ask the machine's administrator to enable Microsoft Entra sign-in on it."],
    adminSteps: [
      'Turn on the system-assigned managed identity first (Identity pane, System assigned tab, Status On).',
      'Install the extension: publisher Microsoft.Azure.ActiveDirectory, type AADLoginForWindows (on Arc-enabled servers with settings {"mdmId": ""}). When installed, provisioningState shows Succeeded.',
    ],
    docUrl: vm(anchors.extension),
    phrases: ['AADLoginForWindows extension not installed', 'extension was uninstalled after the Microsoft Entra join'],
  },
  EXTENSION_PROVISIONING: {
    title: 'Sign-in extension is still being installed',
    summary: 'The AADLoginForWindows extension is {provisioningState}; the machine is not Microsoft Entra joined until it shows Succeeded.',
    causes: ['The extension was installed or updated moments ago.'],
    userSteps: ['Wait a few minutes and refresh.'],
    adminSteps: ['If it stays in this state, check the extension status in the portal and the troubleshooting steps for deployment problems.'],
    docUrl: vm(anchors.extension),
  },
  EXTENSION_FAILED_1007_MSI: {
    title: 'Sign-in extension failed: tenant information unavailable (1007 / -2145648574)',
    summary:
      "Terminal error code 1007 and exit code -2145648574 (0x801C0042) mean DSREG_E_MSI_TENANTID_UNAVAILABLE: the extension can't query the Microsoft Entra tenant information.",
    causes: [
      "The machine doesn't have a system-assigned managed identity.",
      "The Instance Metadata Service doesn't return the tenant ID.",
    ],
    userSteps: ["Ask the machine's administrator: the sign-in extension failed with error 1007."],
    adminSteps: [
      'Connect as a local administrator and, in an elevated PowerShell window, check that curl -H Metadata:true "{imdsEndpoint}/metadata/identity/info?api-version=2018-02-01" returns a valid tenant ID.',
      "On the machine's Identity pane, System assigned tab, verify that Status is On; then reinstall the extension.",
      ...deploymentSteps,
    ],
    docUrl: vm(anchors.msi),
    phrases: ["extension can't query the Microsoft Entra tenant information", 'terminal error code 1007'],
    codes: ['1007', '-2145648574', 'DSREG_E_MSI_TENANTID_UNAVAILABLE'],
  },
  EXTENSION_FAILED_DISCOVERY: {
    title: "Sign-in extension failed: can't reach device registration (-2145648607)",
    summary:
      "Exit code -2145648607 (0x801C0021) means DSREG_AUTOJOIN_DISC_FAILED: the extension can't reach {registrationEndpoint}.",
    causes: ['Outbound HTTPS to the device registration endpoint is blocked, or DNS on the machine does not resolve it.'],
    userSteps: ["Ask the machine's administrator: the sign-in extension can't reach the device registration service."],
    adminSteps: [
      endpointStep,
      'If a command fails with "Couldn\'t resolve host <URL>", run nslookup <URL> to see which DNS server Windows uses, and nslookup <URL> 208.67.222.222 to see whether a public DNS server succeeds.',
      'If necessary, change the DNS server of the virtual network the machine belongs to.',
      logStep,
      dsregStep,
    ],
    docUrl: vm(anchors.discovery),
    phrases: ["extension can't reach the enterpriseregistration endpoint", "couldn't resolve host enterpriseregistration"],
    codes: ['-2145648607', 'DSREG_AUTOJOIN_DISC_FAILED'],
  },
  EXTENSION_FAILED_UNSUPPORTED_OS: {
    title: 'Sign-in extension failed: operating system not supported (exit code 51)',
    summary: 'Exit code 51 means "This extension isn\'t supported on this operating system."',
    causes: [
      'The extension is meant only for Azure VMs with Windows Server 2019 or Windows 10 1809 or later, and Arc-enabled servers with Windows Server 2025 or Windows 11 24H2.',
    ],
    userSteps: ["This machine's Windows version can't use Microsoft Entra sign-in; use its local accounts."],
    adminSteps: ['Check the Windows version or build of the machine. If it is not supported, uninstall the extension.'],
    docUrl: vm(anchors.exit51),
    phrases: ["this extension isn't supported on this operating system"],
    codes: ['51'],
  },
  EXTENSION_FAILED_DUPLICATE_DEVICE: {
    title: 'Sign-in extension failed: device name already exists',
    summary:
      "A device object with the same displayName as the machine's hostname already exists in Microsoft Entra ID, so the join fails with a hostname duplication error.",
    causes: ['Another device (often an older machine with the same name) already uses this hostname in Microsoft Entra ID.'],
    userSteps: ["Ask the machine's administrator: the device name already exists in Microsoft Entra ID."],
    adminSteps: ["Avoid the duplication by changing the machine's hostname, then reinstall the extension."],
    docUrl: vm(anchors.duplicate),
    phrases: ['device name already exists', 'hostname duplication error', 'device object with the same displayName already exists'],
  },
  EXTENSION_FAILED_UNKNOWN: {
    title: 'Sign-in extension failed',
    summary: 'The AADLoginForWindows extension is {provisioningState} (codes: {exitCodes}); the machine did not complete the Microsoft Entra join.',
    causes: ['The extension must install successfully for the machine to complete the Microsoft Entra join.'],
    userSteps: ["Ask the machine's administrator to check the AADLoginForWindows extension; include this report."],
    adminSteps: [...deploymentSteps],
    docUrl: vm(anchors.deployment),
    phrases: ['AADLoginForWindows extension failed', 'Microsoft Entra join failed'],
  },
  IDENTITY_NOT_SYSTEM_ASSIGNED: {
    title: 'No system-assigned managed identity',
    summary: 'The machine has no system-assigned managed identity (identity type: {identityType}); the sign-in extension needs one to join Microsoft Entra ID.',
    causes: [
      'The identity must be enabled before the extension is installed. A user-assigned identity does not count: managed identities are stored in a single tenant and do not support cross-directory scenarios.',
    ],
    userSteps: ["Ask the machine's administrator to enable the system-assigned managed identity."],
    adminSteps: ["On the machine's Identity pane, System assigned tab, set Status to On; then (re)install the AADLoginForWindows extension."],
    docUrl: vm(anchors.extension),
    related: ['EXTENSION_FAILED_1007_MSI'],
  },
  ACCESS_ADMIN: {
    title: 'You can sign in as an administrator',
    summary: 'You hold Virtual Machine Administrator Login here ({source}).',
    causes: ['Your role includes the loginAsAdmin data action.'],
    userSteps: [],
    adminSteps: [],
    docUrl: vm(anchors.roles),
  },
  ACCESS_USER: {
    title: 'You can sign in as a standard user',
    summary: 'You hold Virtual Machine User Login here ({source}).',
    causes: ['Your role includes the login data action.'],
    userSteps: [],
    adminSteps: [],
    docUrl: vm(anchors.roles),
  },
  ACCESS_NONE: {
    title: 'No sign-in role on this machine',
    summary:
      'You hold neither Virtual Machine User Login nor Virtual Machine Administrator Login here; the sign-in would fail with "Your account is configured to prevent you from using this device."',
    causes: ['No Azure role assignment grants you the login data action on this machine.'],
    userSteps: ['Ask an administrator for the Virtual Machine User Login role on this machine.'],
    adminSteps: [...roleAdminSteps],
    docUrl: vm(anchors.roles),
    related: ['MSG_ACCOUNT_PREVENTED'],
  },
  ACCESS_NONE_CONTROL_PLANE_ONLY: {
    title: "Owner or Contributor isn't enough to sign in",
    summary:
      "You can manage this machine, but Owner or Contributor doesn't grant sign-in: that needs Virtual Machine User Login or Virtual Machine Administrator Login.",
    causes: [
      'By design, the people who control virtual machines and the people who can sign in to them are kept apart, so the separation is audited.',
    ],
    userSteps: ['Ask an administrator for the Virtual Machine User Login (or Administrator Login) role; you may be able to assign it yourself if you hold Virtual Machine Data Access Administrator.'],
    adminSteps: [...roleAdminSteps],
    docUrl: vm(anchors.roles),
    related: ['MSG_ACCOUNT_PREVENTED'],
  },
  ACCESS_UNKNOWN: {
    title: 'Sign-in role not confirmed',
    summary: 'RDP Broker could not confirm that you hold a sign-in role here ({source}).',
    causes: ['The permission check did not run or could not read your effective permissions on this machine.'],
    userSteps: ['Refresh. If the connection fails with "Your account is configured to prevent you from using this device", the role is missing.'],
    adminSteps: ['Check the role assignments for Virtual Machine User Login / Administrator Login on the machine.'],
    docUrl: vm(anchors.roles),
    related: ['MSG_ACCOUNT_PREVENTED'],
  },
  GUEST_ACCOUNT: {
    title: "Guest accounts can't sign in",
    summary:
      "Microsoft Entra guest accounts can't connect to Azure VMs, Azure Bastion enabled VMs or Arc-enabled Windows Servers with Microsoft Entra authentication. Your home tenant is {homeTenantId}; this machine is in {machineTenantId}.",
    causes: ['You are a guest (B2B) in the tenant that holds this machine.'],
    userSteps: ["Sign in with an account that is a member of the machine's tenant."],
    adminSteps: ['Give the user a member account in the tenant, or a local account on the machine.'],
    docUrl: vm(anchors.authentication),
    phrases: ["guest accounts can't connect to Azure VMs"],
  },
  CLOUD_MISMATCH: {
    title: 'Account and machine are in different Azure clouds',
    summary: 'You are signed in to {accountCloud}; this machine is in {machineCloud}.',
    causes: ['Azure Global, Azure Government and Azure operated by 21Vianet each have their own Microsoft Entra endpoints.'],
    userSteps: ["Sign in with an account of the machine's cloud."],
    adminSteps: [],
    docUrl: vm(anchors.distributions),
  },
  VM_STOPPED: {
    title: 'The VM is stopped',
    summary: 'The VM is stopped: it cannot take a connection.',
    causes: ['The operating system was shut down.'],
    userSteps: ['Start the VM (in RDP Broker if you are allowed to, or in the Azure portal), wait until it is running, then connect.'],
    adminSteps: [],
    docUrl: vm(anchors.signIn),
  },
  VM_DEALLOCATED: {
    title: 'The VM is deallocated',
    summary: 'The VM is deallocated: it cannot take a connection.',
    causes: ['The VM was stopped from Azure and its compute released.'],
    userSteps: ['Start the VM (in RDP Broker if you are allowed to, or in the Azure portal), wait until it is running, then connect. A dynamic public IP address may change.'],
    adminSteps: [],
    docUrl: vm(anchors.signIn),
  },
  VM_TRANSITIONING: {
    title: 'The VM is starting or stopping',
    summary: 'The VM is {powerState}.',
    causes: ['A start or stop operation is in progress.'],
    userSteps: ['Wait until it is running, refresh, then connect.'],
    adminSteps: [],
    docUrl: vm(anchors.signIn),
  },
  POWER_UNKNOWN: {
    title: 'Machine state unknown',
    summary: 'Azure did not report whether this machine is running.',
    causes: ['The instance view or Arc status was not available.'],
    userSteps: ['Refresh; if the connection fails, check the machine in the Azure portal.'],
    adminSteps: [],
    docUrl: vm(anchors.signIn),
  },
  ARC_DISCONNECTED: {
    title: 'Arc agent disconnected',
    summary: 'The Azure Connected Machine agent stopped sending heartbeats (since {lastStatusChange}); the server may be off or offline.',
    causes: ['The server is off, offline, or cannot reach Azure Arc.'],
    userSteps: ['Make sure the server is running and reachable, then refresh.'],
    adminSteps: ["Check the server's network access to Azure Arc and Microsoft Entra endpoints."],
    docUrl: arc(anchors.network),
  },
  ARC_EXPIRED: {
    title: 'Arc agent expired',
    summary: "The Arc agent was offline so long that its identity certificate expired; the managed identity the sign-in extension relies on doesn't work.",
    causes: ['The server has been disconnected from Azure Arc for a long time.'],
    userSteps: ["Ask the server's administrator to reconnect it to Azure Arc."],
    adminSteps: ['Reconnect the server to Azure Arc (the Connected Machine agent), then check the AADLoginForWindows extension.'],
    docUrl: arc(anchors.extension),
  },
  ARC_ERROR: {
    title: 'Arc agent reports an error',
    summary: 'The Azure Connected Machine agent is in an error state.',
    causes: ['The agent has a problem it reported to Azure.'],
    userSteps: ['Try to connect; if it fails, ask the server\'s administrator to check the Arc agent.'],
    adminSteps: ['Check the agent status and error details of the Arc-enabled server in the Azure portal.'],
    docUrl: arc(anchors.extension),
  },
  OS_NOT_WINDOWS: {
    title: 'Not a Windows machine',
    summary: 'This machine runs {osType}; Microsoft Entra sign-in over RDP is for Windows.',
    causes: ['The AADLoginForWindows extension and RDP sign-in apply to Windows only.'],
    userSteps: ['Use SSH with Microsoft Entra ID for Linux machines.'],
    adminSteps: [],
    docUrl: vm(anchors.distributions),
  },
  OS_UNSUPPORTED: {
    title: 'Windows version not supported for Microsoft Entra sign-in',
    summary: 'The machine runs build {inferredBuild} ({release}); supported: {requirement}.',
    causes: ['Only the Windows distributions the article lists can join Microsoft Entra ID with the sign-in extension.'],
    userSteps: ["Use the machine's local accounts, or ask for a machine with a supported Windows version."],
    adminSteps: ['Upgrade the machine, or uninstall the extension if it is installed.'],
    docUrl: vm(anchors.distributions),
    related: ['EXTENSION_FAILED_UNSUPPORTED_OS'],
  },
  OS_UNKNOWN: {
    title: 'Windows version unknown',
    summary: 'RDP Broker could not tell which Windows version this machine runs; supported: {requirement}.',
    causes: ['Azure did not report the OS name or version (VM agent not reporting, custom image).'],
    userSteps: ['Try to connect; if the sign-in fails, check the machine\'s Windows version.'],
    adminSteps: [],
    docUrl: vm(anchors.distributions),
  },
  OS_SERVER_CORE: {
    title: 'Server Core image',
    summary: 'This machine looks like Windows Server Core ({imageSku}); Microsoft Entra sign-in is supported on Windows Server with Desktop Experience.',
    causes: ['The image has no Desktop Experience.'],
    userSteps: ['Try to connect; if the sign-in fails, use a local account.'],
    adminSteps: ['Use an image with Desktop Experience for machines users sign in to with Microsoft Entra ID.'],
    docUrl: vm(anchors.distributions),
  },
  HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS: {
    title: "The machine's Windows is too old for web account sign-in",
    summary:
      'Passwordless sign-in needs the session host on Windows 11 with KB5018418, Windows 10 20H2 or later with KB5018410, or Windows Server 2022 with KB5018421 (or later). This machine: {release}, {reason}.',
    causes: ['The machine lacks the 2022-10 cumulative update, or runs a release that never received it (such as Windows Server 2019).'],
    userSteps: ['Use the password sign-in method from a PC that is Microsoft Entra joined to the same tenant.'],
    adminSteps: [
      'Install the latest cumulative update on the machine (at least the 2022-10 update for its release), or move it to Windows Server 2022, Windows 10 20H2 or later, or Windows 11.',
    ],
    docUrl: vm(anchors.passwordless),
  },
  CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS: {
    title: 'This PC needs the October 2022 update for web account sign-in',
    summary: 'This PC runs {clientBuild} ({release}); web account sign-in needs the 2022-10 cumulative update or later.',
    causes: [
      'Web account sign-in needs the client on Windows 11 with KB5018418, Windows 10 20H2 or later with KB5018410, or Windows Server 2022 with KB5018421, or later.',
    ],
    userSteps: ['Install the latest Windows updates on this PC, then try again.'],
    adminSteps: [],
    docUrl: vm(anchors.passwordless),
  },
  CLIENT_NOT_JOINED_FOR_PASSWORD: {
    title: "This PC can't use the password method",
    summary: 'This PC is {joinType}; the password method needs a PC that is Microsoft Entra joined or hybrid joined to the machine\'s tenant, or Microsoft Entra registered (Windows 10 20H1 or later).',
    causes: ['Remote connection to Microsoft Entra joined machines with a password is allowed only from such PCs.'],
    userSteps: ['Use web account sign-in, which has no join requirement for this PC.'],
    adminSteps: ['Join or register the PC to the machine\'s Microsoft Entra tenant if the password method is required.'],
    docUrl: vm(anchors.password),
    related: ['MSG_CREDENTIALS_DIDNT_WORK'],
  },
  CLIENT_JOINED_OTHER_TENANT: {
    title: 'This PC belongs to a different tenant',
    summary: 'This PC belongs to {clientTenants}, but the machine is in {machineTenantId}.',
    causes: ['The password method needs the PC joined, hybrid joined or registered to the same directory as the machine.'],
    userSteps: ['Use web account sign-in, which works from any PC.'],
    adminSteps: [],
    docUrl: vm(anchors.password),
    related: ['MSG_CREDENTIALS_DIDNT_WORK'],
  },
  CLIENT_REGISTERED_NEEDS_AZUREAD_PREFIX: {
    title: 'Type your user name as AzureAD\\UPN',
    summary: 'This PC is Microsoft Entra registered (not joined), so enter your user name as {username}.',
    causes: ['A registered PC must send credentials in the AzureAD\\UPN format.'],
    userSteps: ['When Windows asks for credentials, type {username} and your password.'],
    adminSteps: [],
    docUrl: vm(anchors.password),
    related: ['MSG_CREDENTIALS_DIDNT_WORK'],
  },
  CLIENT_REGISTERED_BUILD_TOO_OLD: {
    title: 'Registered PCs need Windows 10 20H1 or later',
    summary: 'This PC is Microsoft Entra registered and runs {clientBuild}; registered PCs can start the connection from build {minimumBuild} (Windows 10 20H1) on.',
    causes: ['Windows 10 Build 20H1 added support for a registered PC to initiate an RDP connection.'],
    userSteps: ['Update Windows on this PC, or use web account sign-in.'],
    adminSteps: [],
    docUrl: vm(anchors.credentials),
  },
  CLIENT_NOT_WINDOWS_FOR_PASSWORD: {
    title: 'The password method needs a Windows PC',
    summary: 'This PC runs {platform}; the password method works only from Windows 10 or later PCs joined or registered to the machine\'s tenant.',
    causes: ['Only Windows can be Microsoft Entra joined or registered in the way the password method needs.'],
    userSteps: ['Use web account sign-in.'],
    adminSteps: [],
    docUrl: vm(anchors.password),
  },
  PKU2U_DISABLED: {
    title: 'PKU2U is turned off on this PC',
    summary: 'The policy "Network security: Allow PKU2U authentication requests to this computer to use online identities" is disabled here.',
    causes: ['The password method needs this policy enabled on both the machine and the client (security baselines often disable it).'],
    userSteps: ['Use web account sign-in, or ask IT to enable the policy on this PC.'],
    adminSteps: [
      'Enable "Network security: Allow PKU2U authentication requests to this computer to use online identities" on both the server and the client (HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\pku2u, AllowOnlineID = 1).',
    ],
    docUrl: vm(anchors.credentials),
    related: ['MSG_CREDENTIALS_DIDNT_WORK'],
  },
  CLIENT_STATE_UNKNOWN: {
    title: "This PC's state could not be read",
    summary: 'RDP Broker could not check this PC: {reason}.',
    causes: ['dsregcmd or the registry could not be read, or this check has not run.'],
    userSteps: [
      'Run dsregcmd /status in a normal (not elevated) command prompt: AzureAdJoined, DomainJoined, WorkplaceJoined and TenantId show how this PC is joined.',
    ],
    adminSteps: [],
    docUrl: vm(anchors.signInProblems),
  },
  CLIENT_SERVER_OS_CA_COMPLIANCE: {
    title: "Connecting from Windows Server: device compliance can't be met",
    summary:
      "Windows Server device compliance configuration in Conditional Access isn't supported: a policy that requires a compliant device for Azure Windows VM Sign-in will block connections from this PC.",
    causes: ['Conditional Access policies that restrict sign-in with device configuration rules are not supported when connecting from a Windows Server device.'],
    userSteps: ['If the sign-in is blocked by Conditional Access, connect from a Windows 10 or 11 PC.'],
    adminSteps: ['Exclude this scenario from compliant-device policies on Microsoft Azure Windows Virtual Machine Sign-in, or have users connect from client Windows.'],
    docUrl: vm(anchors.serverCompliance),
    phrases: [
      'require compliant device Conditional Access policy connecting from a Windows Server device',
      "Windows Server device compliance configuration in Conditional Access isn't supported",
    ],
  },
  SIGN_IN_METHOD_FALLBACK: {
    title: 'Using web account sign-in instead of the password method',
    summary: "You chose the password method, but this PC can't use it ({reasons}), so web account sign-in is used.",
    causes: ['The password method has requirements on this PC that are not met.'],
    userSteps: ['Nothing to do, or fix the reasons listed to use the password method.'],
    adminSteps: [],
    docUrl: vm(anchors.password),
  },
  SIGN_IN_METHOD_ALTERNATIVE: {
    title: 'The password method may work here',
    summary: 'Web account sign-in is blocked ({webAccountBlockedBy}), but nothing blocks the password method from this PC.',
    causes: ['Some requirements apply only to web account sign-in (a resolvable computer name, the 2022-10 update on the machine).'],
    userSteps: ['Switch the sign-in method to password in the connection settings.'],
    adminSteps: [],
    docUrl: vm(anchors.password),
  },
};

const messageEntries: Readonly<Record<MessageId, EntryBody>> = {
  MSG_ACCOUNT_PREVENTED: {
    title: '"Your account is configured to prevent you from using this device"',
    summary: "The Azure role that allows sign-in isn't assigned to you on this machine.",
    causes: [
      'You hold neither Virtual Machine Administrator Login nor Virtual Machine User Login on the machine (Owner or Contributor does not count).',
      'A new role assignment has not taken effect yet.',
    ],
    userSteps: ['Ask an administrator for the Virtual Machine User Login (or Administrator Login) role on the machine.'],
    adminSteps: [
      'Verify the Azure role-based access control policies that grant the user Virtual Machine Administrator Login or Virtual Machine User Login.',
      ...roleAdminSteps,
      'For problems with role assignments themselves, see "Troubleshoot Azure role-based access control".',
    ],
    docUrl: vm(anchors.roleNotAssigned),
    phrases: ['your account is configured to prevent you from using this device'],
    related: ['ACCESS_NONE', 'ACCESS_NONE_CONTROL_PLANE_ONLY', 'ACCESS_UNKNOWN'],
  },
  MSG_CREDENTIALS_DIDNT_WORK: {
    title: '"Your credentials didn\'t work"',
    summary: 'Unauthorized client, or password change required.',
    causes: [
      "The PC starting the connection isn't Microsoft Entra joined or hybrid joined to the same directory (password method).",
      'The PC is Microsoft Entra registered and the user name was not typed as AzureAD\\UPN.',
      'The AADLoginForWindows extension was uninstalled after the join finished.',
      'PKU2U is disabled on the machine or on the client.',
      'The user has a temporary password, which cannot be used for remote desktop.',
      'Legacy per-user Enabled/Enforced multifactor authentication is set for the user.',
    ],
    userSteps: [
      'Sign in to https://portal.azure.com in a private browser window; if you are asked to change your password, set a new one and try again.',
      'On a Microsoft Entra registered PC, type your user name as AzureAD\\you@contoso.com.',
      'Try web account sign-in, which does not need this PC to be joined.',
    ],
    adminSteps: [
      'Check that the client is Microsoft Entra joined or hybrid joined to the same directory, or registered (Windows 10 20H1 or later).',
      "Verify that the AADLoginForWindows extension wasn't uninstalled after the Microsoft Entra join finished.",
      'Enable "Network security: Allow PKU2U authentication requests to this computer to use online identities" on both the server and the client.',
      'If the user has legacy per-user MFA (Enabled/Enforced), remove that setting and use Conditional Access instead.',
    ],
    docUrl: vm(anchors.credentials),
    phrases: ["your credentials didn't work"],
    related: [
      'CLIENT_NOT_JOINED_FOR_PASSWORD',
      'CLIENT_JOINED_OTHER_TENANT',
      'CLIENT_REGISTERED_NEEDS_AZUREAD_PREFIX',
      'PKU2U_DISABLED',
      'EXTENSION_MISSING',
    ],
  },
  MSG_SIGN_IN_METHOD_NOT_ALLOWED: {
    title: '"The sign-in method you\'re trying to use isn\'t allowed"',
    summary: 'A Conditional Access policy requires multifactor authentication that the connection did not provide.',
    causes: [
      'Conditional Access requires MFA, and the device initiating the connection did not use strong authentication such as Windows Hello for Business.',
    ],
    userSteps: [
      'Sign in to Windows on this PC with Windows Hello for Business (PIN or biometrics), or use web account sign-in where you can complete MFA.',
    ],
    adminSteps: [
      'Make sure devices initiating connections use strong authentication such as Windows Hello for Business.',
      'If Windows Hello for Business is not an option, configure a Conditional Access policy that excludes the Microsoft Azure Windows Virtual Machine Sign-in app.',
    ],
    docUrl: vm(anchors.mfa),
    phrases: [
      "the sign-in method you're trying to use isn't allowed",
      'try a different sign-in method or contact your system administrator',
    ],
  },
  MSG_VM_SIGN_IN_APP_MISSING: {
    title: 'Microsoft Azure Windows Virtual Machine Sign-in app missing from Conditional Access',
    summary:
      'The service principal of Microsoft Azure Windows Virtual Machine Sign-in (app ID 372140e0-b3b7-4226-8ef9-d57986796201; some tenants show it as Azure Windows VM Sign-In) is missing from the tenant.',
    causes: ['The application has not been added to the tenant.'],
    userSteps: ['Ask a Microsoft Entra administrator to add the application.'],
    adminSteps: [
      'In the Microsoft Entra admin center (at least Cloud Application Administrator), go to Entra ID > Enterprise apps, remove the filters and search for VM.',
      'Or with Graph PowerShell: Connect-MgGraph -Scopes "ServicePrincipalEndpoint.ReadWrite.All","Application.ReadWrite.All", then Get-MgServicePrincipal -ConsistencyLevel eventual -Search \'"DisplayName:Azure Windows VM Sign-In"\'.',
      'If nothing is returned, create it: New-MgServicePrincipal -AppId 372140e0-b3b7-4226-8ef9-d57986796201, then Disconnect-MgGraph.',
    ],
    docUrl: vm(anchors.missingApp),
    phrases: [
      'Microsoft Azure Windows Virtual Machine Sign-in application is missing',
      'Azure Windows VM Sign-In app not found in Conditional Access',
      '372140e0-b3b7-4226-8ef9-d57986796201',
    ],
  },
  MSG_AADSTS293004: {
    title: 'AADSTS293004: target device not found',
    summary: "The name you connected to isn't the machine's device name in Microsoft Entra ID.",
    causes: [
      'The connection used an IP address, the Azure resource name, a public DNS label or another name instead of the computer name: the name must match the hostname of the remote device in Microsoft Entra ID.',
    ],
    userSteps: [
      "Connect with the machine's computer name (RDP Broker does this) and make sure that name resolves to the machine (DNS or hosts file).",
    ],
    adminSteps: ['Publish DNS records for computer names, and keep resource names equal to computer names where you can.'],
    docUrl: vm(anchors.passwordless),
    phrases: ['the target device identifier in the request was not found in the tenant'],
    codes: ['AADSTS293004'],
    related: ['DIAL_NAME_IS_IP', 'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME', 'DNS_RESOLVES_ELSEWHERE'],
  },
  MSG_LOCK_SCREEN_DISCONNECTS: {
    title: 'Locking the remote session disconnects it',
    summary:
      "The Windows lock screen in the remote session doesn't support Microsoft Entra tokens or passwordless methods such as FIDO keys, so locking the session (by you or by policy) disconnects it instead.",
    causes: ['This is by design: it also makes Microsoft Entra ID re-evaluate Conditional Access when you reconnect.'],
    userSteps: ['Reconnect to continue where you left off.'],
    adminSteps: [],
    docUrl: vm(anchors.passwordless),
    phrases: ['remote session disconnected when I lock the screen', "can't unlock the remote session lock screen"],
  },
  MSG_ALLOW_REMOTE_DESKTOP_PROMPT: {
    title: '"Allow remote desktop connection?" prompt',
    summary:
      'When connecting to a new PC you are asked to allow the remote desktop connection. Microsoft Entra ID remembers up to 15 hosts for 30 days before prompting again.',
    causes: ['First connection to this machine, or more than 30 days / more than 15 hosts since the last one.'],
    userSteps: ['Select Yes to connect.'],
    adminSteps: [],
    docUrl: vm(anchors.passwordless),
    phrases: ['allow remote desktop connection', 'prompted to allow the remote desktop connection'],
  },
};

function build(id: CatalogueId, kind: CatalogueEntry['kind'], body: EntryBody): CatalogueEntry {
  const { phrases = [], codes = [], related = [], ...rest } = body;
  return { id, kind, ...rest, matchers: { phrases, codes }, related };
}

/** Every catalogue entry by id: one per FindingCode and one per documented message. */
export const CATALOGUE: Readonly<Record<CatalogueId, CatalogueEntry>> = Object.freeze({
  ...(Object.fromEntries(
    Object.entries(findingEntries).map(([id, body]) => [id, build(id as FindingCode, 'finding', body)]),
  ) as Record<FindingCode, CatalogueEntry>),
  ...(Object.fromEntries(
    Object.entries(messageEntries).map(([id, body]) => [id, build(id as MessageId, 'message', body)]),
  ) as Record<MessageId, CatalogueEntry>),
});

/** The catalogue in a fixed order (findings as declared, then messages), for the explainer's tie-breaking. */
export const CATALOGUE_ENTRIES: readonly CatalogueEntry[] = Object.freeze(Object.values(CATALOGUE));

/** Fills `{key}` placeholders from evidence; a missing or null value shows as `<key>`, like the seed's `<TenantID>`. */
export function fillTemplate(text: string, evidence: Evidence = {}): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, key: string) => {
    const value = evidence[key];
    // A value the rule could not observe reads as such, never as a raw placeholder.
    return value === undefined || value === null ? 'not reported' : String(value);
  });
}
