import { describe, expect, it } from 'vitest';

import {
  APP_QUERIES,
  normalizeKql,
  readQueryMarker,
  windowsVmRowSchema,
} from '../../../../src/shared/discovery/resource-graph-queries';

describe('resource-graph-queries', () => {
  it('gives every query a first-line marker naming its id and version', () => {
    for (const q of Object.values(APP_QUERIES)) {
      expect(q.text.split('\n')[0]).toBe(`// rdp-broker:${q.id} v${q.version}`);
      expect(readQueryMarker(q.text)).toEqual({ id: q.id, version: q.version });
    }
    expect(readQueryMarker('Resources\n// rdp-broker:windows-vms v1')).toBeNull();
  });

  it('follows the Resource Graph conventions: =~ on type, tolower ids, id projected, ordered by id', () => {
    for (const q of Object.values(APP_QUERIES)) {
      expect(q.text).toMatch(/where type =~ '[a-z./]+'/);
      expect(q.text).not.toMatch(/type ==/);
      expect(q.text).toContain('tolower(');
      expect(q.text).toMatch(/\| project (id|id = vmKey)\b/);
      expect(q.text.trimEnd().endsWith('| order by id asc')).toBe(true);
    }
    expect(APP_QUERIES['windows-vms'].text).toContain("=~ 'Microsoft.Azure.ActiveDirectory'");
    expect(APP_QUERIES['windows-vms'].text).toContain("=~ 'AADLoginForWindows'");
  });

  it('normalises whitespace only', () => {
    expect(normalizeKql(' a\n  | b \t')).toBe('a | b');
  });

  it('turns Kusto empties and nulls into plain values', () => {
    const row = windowsVmRowSchema.parse({
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
      name: 'vm',
      resourceGroup: 'rg',
      subscriptionId: 's',
      tenantId: 't',
      location: 'westeurope',
      tags: null,
      computerName: null,
      aadExtensionName: '',
    });
    expect(row).toMatchObject({ tags: {}, computerName: '', aadExtensionName: '', networkInterfaces: [], imageReference: null, powerState: '' });
  });
});
