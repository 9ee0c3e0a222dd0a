/** Readiness checks and error explanations: pure, runs in main, renderer and the simulator alike. */
export { ARC_DOC, CATALOGUE, CATALOGUE_ENTRIES, type CatalogueEntry, type CatalogueId, fillTemplate, type MessageId, messageIds, VM_DOC } from './catalogue';
export { chooseDialName, decideDialName, type DialNameChoice, type DialNameDecision, isIpLiteral, knownAddresses } from './dial-name';
export { parseDsregcmdStatus } from './dsregcmd';
export { extractErrorCodes, isDeviceRegistrationCode, normaliseErrorCode, toSignedDecimal } from './error-codes';
export { evaluateReadiness } from './evaluate';
export { contentTokens, type ExplainMatch, explainError, normaliseMessageText } from './explain';
export * from './finding';
export { type HostOs, inferHostOs } from './host-os';
export * from './input';
export { formatReport, type ReportOptions } from './report';
export { READINESS_RULES, type ReadinessRule } from './rules/index';
export {
  checkPasswordlessUpdate,
  describeWindowsBuild,
  formatWindowsBuild,
  meetsPasswordlessUpdate,
  type PasswordlessUpdateCheck,
  parseUbr,
  parseWindowsBuild,
} from './windows-build';
