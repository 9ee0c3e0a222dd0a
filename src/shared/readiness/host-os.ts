import type { Machine } from '../domain/machine';
import { parseWindowsBuild } from './windows-build';

/** What the rules can tell about a machine's Windows version, and from which field they told it. */
export interface HostOs {
  readonly isWindows: boolean | null;
  /** Exact build number (17763, 20348, …) or null when nothing says. */
  readonly build: number | null;
  /** Lower bound on the build: equals `build` when exact; "Windows 11" alone gives 22000. */
  readonly minBuild: number | null;
  /** Update build revision when the reported version carries a real one. */
  readonly ubr: number | null;
  readonly family: 'client' | 'server' | null;
  /** Server Core (no Desktop Experience), from the image SKU or OS name. */
  readonly serverCore: boolean;
  readonly source: 'os.version' | 'os.name' | 'os.image.sku' | 'none';
  /** What was read, for evidence. */
  readonly observed: string | null;
}

const serverYears: ReadonlyMap<string, number> = new Map([
  ['2008', 6001],
  ['2012', 9200],
  ['2016', 14393],
  ['2019', 17763],
  ['2022', 20348],
  ['2025', 26100],
]);

const win10Versions: ReadonlyMap<string, number> = new Map([
  ['1507', 10240],
  ['1511', 10586],
  ['1607', 14393],
  ['rs1', 14393],
  ['1703', 15063],
  ['rs2', 15063],
  ['1709', 16299],
  ['rs3', 16299],
  ['1803', 17134],
  ['rs4', 17134],
  ['1809', 17763],
  ['rs5', 17763],
  ['1903', 18362],
  ['19h1', 18362],
  ['1909', 18363],
  ['19h2', 18363],
  ['2004', 19041],
  ['20h1', 19041],
  ['20h2', 19042],
  ['21h1', 19043],
  ['21h2', 19044],
  ['22h2', 19045],
]);

const win11Versions: ReadonlyMap<string, number> = new Map([
  ['21h2', 22000],
  ['22h2', 22621],
  ['23h2', 22631],
  ['24h2', 26100],
  ['25h2', 26200],
]);

interface TextInference {
  readonly build: number | null;
  /** Lower bound when only the product is known ("Windows 11" is at least 22000). */
  readonly minBuild: number | null;
  readonly family: 'client' | 'server' | null;
}

const nothing: TextInference = { build: null, minBuild: null, family: null };

/** Infers build and family from a product name or marketplace SKU ("Windows Server 2019 Datacenter", "win11-23h2-pro"). */
function inferFromText(text: string): TextInference {
  const t = text.toLowerCase();
  const tokens = t.split(/[^a-z0-9]+/).filter((x) => x !== '');
  const exact = (table: ReadonlyMap<string, number>): number | null => {
    const hit = tokens.find((x) => table.has(x));
    return hit === undefined ? null : (table.get(hit) ?? null);
  };
  if (/windows\s*11|win11/.test(t)) {
    const build = exact(win11Versions);
    return { build, minBuild: build ?? 22000, family: 'client' };
  }
  if (/windows\s*10|win10/.test(t)) {
    const build = exact(win10Versions);
    return { build, minBuild: build ?? 10240, family: 'client' };
  }
  const isServer = /server|datacenter|standard/.test(t) || /^20\d\d(-r2)?-/.test(t);
  if (isServer) {
    const build = exact(serverYears);
    return { build, minBuild: build, family: 'server' };
  }
  // Client SKUs without the product word, e.g. "rs5-pro", "20h2-ent".
  const build = exact(win10Versions);
  return build === null ? nothing : { build, minBuild: build, family: 'client' };
}

/** Reads the machine's OS fields in order of trust: reported version, reported name, marketplace image SKU. */
export function inferHostOs(machine: Machine): HostOs {
  const { os } = machine;
  const type = os.type.trim().toLowerCase();
  const isWindows = type === 'windows' ? true : type === '' || type === 'unknown' ? null : false;
  const name = os.name ?? '';
  const sku = os.image?.sku ?? '';
  const serverCore = /(^|[^a-z])core([^a-z]|$)/i.test(sku) || /server core/i.test(name);
  const fromName = name === '' ? nothing : inferFromText(name);
  const fromSku = sku === '' ? nothing : inferFromText(sku);
  const family = fromName.family ?? fromSku.family;
  const base = { isWindows, family, serverCore };

  if (os.version !== undefined) {
    const parsed = parseWindowsBuild(os.version);
    if (parsed && parsed.major >= 6) {
      return { ...base, build: parsed.build, minBuild: parsed.build, ubr: parsed.ubr, source: 'os.version', observed: os.version };
    }
  }
  const candidates = [
    [fromName, 'os.name', name],
    [fromSku, 'os.image.sku', sku],
  ] as const;
  // An exact build from either source beats a lower bound ("Windows 10 Enterprise" + SKU "win10-22h2-ent").
  const best = candidates.find(([i]) => i.build !== null) ?? candidates.find(([i]) => i.minBuild !== null);
  if (best !== undefined) {
    const [inference, source, observed] = best;
    return { ...base, build: inference.build, minBuild: inference.minBuild, ubr: null, source, observed };
  }
  return {
    ...base,
    build: null,
    minBuild: null,
    ubr: null,
    source: 'none',
    observed: name !== '' ? name : sku !== '' ? sku : null,
  };
}
