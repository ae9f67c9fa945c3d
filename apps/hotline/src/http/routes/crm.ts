import {
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
  accountsOf,
  addListEntry,
  CustomerRepository,
  contactTimeline,
  importCustomers,
  listEntries,
  lookupByAccount,
  lookupByPhone,
  parseCsv,
  readXlsx,
  removeListEntry,
} from '@hotline/crm';
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
      const [accounts, timeline] = await Promise.all([
        accountsOf(store, [customer.id]),
        contactTimeline(store, { customerId: customer.id, phoneKeys: customer.phones.map((p) => p.key) }, 100),
      ]);
      return { customer, accounts, timeline };
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
