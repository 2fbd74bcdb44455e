import { describe, expect, it } from '@jest/globals';
import { isTraversal, ownerOf, routeTemplateOf } from './resource-routes.js';

describe('resource routing', () => {
  it.each([
    ['/api/v1/procedures', 'catalog'],
    ['/api/v1/procedures/1.003560/versions?at=2026-01-01', 'catalog'],
    ['/api/v1/calendar', 'catalog'],
    ['/api/v1/dossiers/000.00.00.H56-240315-0001', 'intake'],
    ['/api/v1/lookup', 'intake'],
    ['/api/v1/worklist', 'workflow'],
    ['/api/v1/officers?agencyCode=000.00.02.H56', 'workflow'],
    ['/api/v1/cases/X/control-sheet', 'workflow'],
    ['/api/v1/carrier-callbacks/vnpost', 'postal'],
    ['/api/v1/reports/06a', 'reporting'],
    ['/api/v1/sync/procedures', 'catalog'],
    ['/api/v1/sync/dossiers?cursor=abc', 'intake'],
    ['/api/v1/sync/national-portal/dossiers', 'portal'],
    ['/api/v1/national-portal/dossiers/000.00.01.H56-260316-0001', 'portal'],
    ['/api/v1/notifications/stream', 'notification'],
    ['/api/v1/notification-templates/dossier_received/sms', 'notification'],
    ['/api/v1/provider-receipts/sms', 'notification'],
  ])('routes %s to %s', (path, owner) => {
    expect(ownerOf(path)).toBe(owner);
  });

  it.each([['/internal/events'], ['/api/v1/unknown'], ['/api/v1/auth/token'], ['/api/v1/sync'], ['/api/v1/sync/other'], ['/api/v2/procedures'], ['/health']])(
    'routes nothing for %s',
    (path) => {
      expect(ownerOf(path)).toBeUndefined();
    },
  );

  it.each([['/api/v1/procedures/../internal/events'], ['/api/v1/procedures/%2e%2e/x'], ['/api/v1/procedures/a%2Fb'], ['/api/v1/./procedures'], ['/api/v1/procedures\\..\\x']])(
    'detects traversal in %s',
    (path) => {
      expect(isTraversal(path)).toBe(true);
    },
  );

  it('lets ordinary paths with dots in codes through', () => {
    expect(isTraversal('/api/v1/dossiers/000.00.00.H56-240315-0001?x=..')).toBe(false);
  });

  it.each([
    ['/api/v1/dossiers', '/api/v1/dossiers'],
    ['/api/v1/dossiers/', '/api/v1/dossiers'],
    ['/api/v1/dossiers/000.00.01.H56-260316-0001/documents?secret=x', '/api/v1/dossiers/*'],
    ['/api/v1/sync/dossiers?cursor=abc', '/api/v1/sync/dossiers'],
    ['/api/v1/sync/procedures/changes', '/api/v1/sync/procedures/*'],
  ])('counts the routed %s under %s in the metrics, no code or id in it', (url, template) => {
    expect(routeTemplateOf(url)).toBe(template);
  });

  it('gives no template to a path no service owns', () => {
    expect(routeTemplateOf('/api/v1/no-such-resource/1')).toBeUndefined();
    expect(routeTemplateOf('/metrics')).toBeUndefined();
  });
});
