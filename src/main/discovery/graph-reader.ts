import { z } from 'zod';

import type { ArmRequester } from './arm-rest';
import { APP_QUERIES, type AppQueryId } from '../../shared/discovery/resource-graph-queries';
import { AppError } from '../../shared/errors/app-error';

/** Resource Graph api-version: the newest GA one (azure-rdp-facts §3.7). */
export const GRAPH_API_VERSION = '2024-04-01';

const graphPageSchema = z.object({
  totalRecords: z.number().nullish(),
  count: z.number().nullish(),
  // A string enum "true"/"false" in the REST API; some SDKs surface a boolean.
  resultTruncated: z.union([z.string(), z.boolean()]).nullish(),
  $skipToken: z.string().nullish(),
  data: z.array(z.unknown()),
});

/** One page of an app query, rows validated. */
export interface GraphPage<Row> {
  readonly rows: Row[];
  /** Rows Resource Graph says the whole query has (for progress). */
  readonly totalRecords: number | null;
  readonly pageIndex: number;
}

/** Where and how to run a query. */
export interface GraphReadOptions {
  readonly rest: ArmRequester;
  /** Subscriptions to query; null: every subscription of the token's tenant (Azure caps that at 1,000). */
  readonly subscriptions: readonly string[] | null;
  readonly signal: AbortSignal;
  /** Label of the scope for errors, e.g. `Resource Graph (windows-vms) in Contoso`. */
  readonly scope: string;
  readonly pageSize: number;
  /**
   * Rows on the first page when smaller than `pageSize`: a short first page reaches the screen sooner (`$top` sets the
   * page size on every request, `$skipToken` included).
   */
  readonly firstPageSize?: number;
}

/** Output type of an app query's rows. */
export type QueryRow<Id extends AppQueryId> = z.output<(typeof APP_QUERIES)[Id]['rowSchema']>;

/**
 * Runs one app query over the given subscriptions, page by page (`$skipToken`, same query and scope each time),
 * handing each page to `onPage` as it arrives (the next page is already requested by then, so parsing and handling a
 * page overlap the wait for the next). Rows that do not match the query's schema are skipped and counted; a
 * truncated result or a malformed page throws AZURE_BAD_RESPONSE so the list is never presented as complete.
 *
 * @returns how many rows were skipped as malformed.
 */
export function readGraphQuery<Id extends AppQueryId>(
  id: Id,
  options: GraphReadOptions,
  onPage: (page: GraphPage<QueryRow<Id>>) => void | Promise<void>,
): Promise<{ invalidRows: number }> {
  const query = APP_QUERIES[id];
  return readGraphRows({ text: query.text, rowSchema: query.rowSchema as unknown as z.ZodType<QueryRow<Id>> }, options, onPage);
}

/** {@link readGraphQuery} for any query text and row schema. */
export async function readGraphRows<Row>(
  query: { readonly text: string; readonly rowSchema: z.ZodType<Row> },
  options: GraphReadOptions,
  onPage: (page: GraphPage<Row>) => void | Promise<void>,
): Promise<{ invalidRows: number }> {
  let invalidRows = 0;
  const seenTokens = new Set<string>();
  const requestPage = (pageIndex: number, skipToken: string | undefined) => {
    const body = {
      ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
      query: query.text,
      options: {
        resultFormat: 'objectArray',
        $top: pageIndex === 0 ? Math.min(options.firstPageSize ?? options.pageSize, options.pageSize) : options.pageSize,
        ...(skipToken ? { $skipToken: skipToken } : {}),
      },
    };
    return options.rest.post('/providers/Microsoft.ResourceGraph/resources', body, graphPageSchema, {
      scope: options.scope,
      signal: options.signal,
      apiVersion: GRAPH_API_VERSION,
    });
  };
  let next: ReturnType<typeof requestPage> | null = requestPage(0, undefined);
  for (let pageIndex = 0; next; pageIndex += 1) {
    const page = await next;
    next = null;
    if (page.resultTruncated === true || page.resultTruncated === 'true') {
      throw new AppError('AZURE_BAD_RESPONSE', `Resource Graph truncated the results of ${options.scope}`, {
        scope: options.scope,
      });
    }
    const repeated = page.$skipToken ? seenTokens.has(page.$skipToken) : false;
    if (page.$skipToken && !repeated) {
      seenTokens.add(page.$skipToken);
      // The next page is on its way while this one is parsed and handled (a failure surfaces when it is awaited; if
      // this page's handling fails first, the answer is dropped).
      next = requestPage(pageIndex + 1, page.$skipToken);
      next.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const rows: Row[] = [];
    for (const raw of page.data) {
      const parsed = query.rowSchema.safeParse(raw);
      if (parsed.success) rows.push(parsed.data);
      else invalidRows += 1;
    }
    await onPage({ rows, totalRecords: page.totalRecords ?? null, pageIndex });
    if (repeated) {
      throw new AppError('AZURE_BAD_RESPONSE', `Resource Graph repeated a page token for ${options.scope}`, { scope: options.scope });
    }
  }
  return { invalidRows };
}
