import {
  AccountBody,
  AccountIdParams,
  CrmImportBody,
  CrmImportResponse,
  CustomerBody,
  CustomerIdParams,
  CustomerSearchQuery,
  ListEntryBody,
  ListEntryParams,
  ListQuery,
  RemoveListEntryBody,
  type Role,
  ScreenPopQuery,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import {
  type AccountSchema,
  accountHistory,
  accountsOf,
  addListEntry,
  CustomerRepository,
  callerStatus,
  contactTimeline,
  crmDb,
  importCustomers,
  listEntries,
  lookupByAccount,
  lookupByPhone,
  parseCsv,
  readXlsx,
  removeListEntry,
  saveAccount,
} from '@hotline/crm';
import type { Store } from '@hotline/store';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

const CENTER: Role[] = ['admin', 'supervisor', 'agent'];
const READERS: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'leader'];
const MANAGERS: Role[] = ['admin', 'supervisor'];

/** Customers, screen pop, import with its report, and the black/white/VIP lists. */
export const crmRoutes: RouteModule = (app, table, deps) => {
  const repo = new CustomerRepository(deps.store);
  const store = deps.store;

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/crm/customers',
    summary: 'Search customers by name, phone, account or ID number',
    tags: ['crm'],
    access: READERS,
    query: CustomerSearchQuery,
    handler: async ({ query }) => ({ customers: await repo.search(query.q, query.limit) }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/crm/customers',
    summary: 'Create a customer',
    tags: ['crm'],
    access: CENTER,
    body: CustomerBody,
    status: 201,
    handler: async ({ body, auth }) => ({ customer: await repo.create(body, auth?.user.id ?? null) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/crm/customers/:id',
    summary: 'A customer with accounts and contact timeline',
    tags: ['crm'],
    access: READERS,
    params: CustomerIdParams,
    handler: async ({ params }) => {
      const customer = await repo.get(params.id);
      const [accounts, timeline, lists] = await Promise.all([
        accountsOf(store, [customer.id]),
        contactTimeline(store, { customerId: customer.id, phoneKeys: customer.phones.map((p) => p.key) }, 100),
        Promise.all(customer.phones.map((p) => callerStatus(store, p.key, new Date(deps.clock.now())))),
      ]);
      return { customer, accounts, timeline, lists };
    },
  });
  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/crm/customers/:id',
    summary: 'Change a customer (audited)',
    tags: ['crm'],
    access: CENTER,
    params: CustomerIdParams,
    body: CustomerBody,
    handler: async ({ params, body, auth }) => ({
      customer: await repo.update(params.id, body, auth?.user.id ?? null),
    }),
  });
  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/crm/customers/:id',
    summary: 'Delete a customer (audited)',
    tags: ['crm'],
    access: MANAGERS,
    params: CustomerIdParams,
    handler: async ({ params, auth }) => {
      await repo.delete(params.id, auth?.user.id ?? null);
      return { ok: true };
    },
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/crm/account-schemas',
    summary: 'Account schemas (which fields an account of each kind has)',
    tags: ['crm'],
    access: READERS,
    handler: async () => ({ schemas: await listAccountSchemas(store) }),
  });
  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/crm/customers/:id/accounts',
    summary: 'Create or change an account of a customer (validated by its schema; kept in the history)',
    tags: ['crm'],
    access: CENTER,
    params: CustomerIdParams,
    body: AccountBody,
    handler: async ({ params, body, auth }) => {
      const customer = await repo.get(params.id);
      const account = await saveAccount(
        store,
        {
          customerId: customer.id,
          schemaId: body.schemaId,
          accountNumber: body.accountNumber,
          data: body.data,
          reason: body.reason ?? null,
        },
        auth?.user.id ?? null,
      );
      return { account };
    },
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/crm/accounts/:id/history',
    summary: 'Every change of an account, newest first, with who made it',
    tags: ['crm'],
    access: READERS,
    params: AccountIdParams,
    handler: async ({ params }) => {
      const exists = await crmDb(store.db)
        .selectFrom('crm_accounts')
        .select('id')
        .where('id', '=', params.id)
        .executeTakeFirst();
      if (!exists) throw new HotlineError(ErrorCode.NotFound, 'no such account');
      const rows = await accountHistory(store, params.id);
      const names = await actorNames(
        store,
        rows.map((r) => r.actorId),
      );
      return { history: rows.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null })) };
    },
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/crm/screen-pop',
    summary: 'Screen pop (来电弹屏) by caller number or IVR-entered account number',
    tags: ['crm'],
    access: READERS,
    query: ScreenPopQuery,
    handler: async ({ query }) => {
      if (query.number) return lookupByPhone(store, query.number);
      const pop = await lookupByAccount(store, query.account ?? '', query.schemaId);
      if (!pop) throw new HotlineError(ErrorCode.NotFound, 'no customer with that account');
      return pop;
    },
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/crm/import',
    summary: 'Import customers from csv/xlsx: all rows or none, with a report of every bad row',
    tags: ['crm'],
    access: MANAGERS,
    body: CrmImportBody,
    response: CrmImportResponse,
    handler: async ({ body, auth }) => {
      const sheet = body.format === 'csv' ? parseCsv(body.data) : await readXlsx(Buffer.from(body.data, 'base64'));
      if (!sheet.ok) {
        const line = 'line' in sheet ? sheet.line : 1;
        return {
          ok: false,
          total: 0,
          valid: 0,
          imported: 0,
          problems: [{ row: line, column: null, message: sheet.error }],
        };
      }
      const r = await importCustomers(store, sheet.rows, {
        schemaId: body.schemaId ?? null,
        actorId: auth?.user.id ?? null,
        fileName: body.fileName ?? '',
        ...(body.defaultAreaCode ? { defaultAreaCode: body.defaultAreaCode } : {}),
      });
      return { ok: r.ok, total: r.total, valid: r.valid, imported: r.imported, problems: r.problems };
    },
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/crm/lists',
    summary: 'Active entries of the black, white or VIP list',
    tags: ['crm'],
    access: READERS,
    query: ListQuery,
    handler: async ({ query }) => ({ entries: await listEntries(store, query.list) }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/crm/lists',
    summary: 'Add a number to a list (reason required, optional expiry; audited)',
    tags: ['crm'],
    access: MANAGERS,
    body: ListEntryBody,
    status: 201,
    handler: async ({ body, auth }) => ({
      entry: await addListEntry(
        store,
        {
          list: body.list,
          number: body.number,
          reason: body.reason,
          action: body.action ?? null,
          priority: body.priority ?? 0,
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
          customerId: body.customerId ?? null,
        },
        auth?.user.id ?? null,
      ),
    }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/crm/lists/:id/remove',
    summary: 'Remove a list entry (reason required; audited)',
    tags: ['crm'],
    access: MANAGERS,
    params: ListEntryParams,
    body: RemoveListEntryBody,
    handler: async ({ params, body, auth }) => {
      await removeListEntry(store, params.id, body.reason, auth?.user.id ?? null);
      return { ok: true };
    },
  });
};

async function listAccountSchemas(store: Store): Promise<AccountSchema[]> {
  const rows = await crmDb(store.db).selectFrom('crm_account_schemas').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    fields: (typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields) as AccountSchema['fields'],
  }));
}

/** Display names of the users who made changes (ids of deleted users map to nothing). */
async function actorNames(store: Store, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await store.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
