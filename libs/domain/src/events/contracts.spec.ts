import { describe, expect, it } from '@jest/globals';
import { BACKEND_SERVICES } from '../services.js';
import { CURRENT_EVENT_VERSIONS, EVENT_SUBSCRIPTIONS, EVENT_TYPES, isEventType, subscribersOf } from './contracts.js';
import { dossierStatusChangedOf } from './workflow-events.js';

describe('event contracts', () => {
  it('routes ProcedurePublished to reporting', () => {
    expect(subscribersOf('ProcedurePublished')).toEqual(['reporting']);
  });

  it('routes postal\'s shipments to reporting (sent, delivered, back at the agency) and their status to workflow and notification (the applicant told)', () => {
    expect(subscribersOf('ShipmentRegistered')).toEqual(['reporting']);
    expect(subscribersOf('ShipmentStatusChanged')).toEqual(['workflow', 'reporting', 'notification']);
  });

  it('subscribes services only to event types that exist, with a current version', () => {
    for (const service of BACKEND_SERVICES) {
      for (const type of EVENT_SUBSCRIPTIONS[service]) {
        expect(EVENT_TYPES).toContain(type);
        expect(CURRENT_EVENT_VERSIONS[type]).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('tells event types from other strings', () => {
    expect(isEventType('ProcedurePublished')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType('DossierEaten')).toBe(false);
  });

  it('reads a DossierStatusChanged of version 1 (stored before version 2) as version 2, its action unknown', () => {
    const v1 = {
      dossierCode: 'D', status: 'processing' as const, nationalStatusCode: 4 as const, at: '2026-03-16T03:00:00.000Z', unitCode: 'U', unitName: 'Sở', officerName: 'Bình', officerTitle: 'Chuyên viên',
      content: 'Chuyển xử lý', appointmentAt: '2026-03-30T03:00:00.000Z', dueAt: '2026-03-30T03:00:00.000Z', sequence: 3,
    };
    expect(CURRENT_EVENT_VERSIONS.DossierStatusChanged).toBe(2);
    const read = dossierStatusChangedOf(1, v1);
    expect(read).toEqual({
      dossierCode: 'D', status: 'processing', nationalStatusCode: 4, at: v1.at, content: 'Chuyển xử lý', appointmentAt: v1.appointmentAt, dueAt: v1.dueAt, sequence: 3,
      step: { action: null, unit: { code: 'U', name: 'Sở' }, officer: { name: 'Bình', title: 'Chuyên viên' }, startedAt: null, statutoryEndAt: null, note: null },
    });
    // An event from before apologies travelled still says nothing of one.
    expect('apology' in read).toBe(false);
    expect(dossierStatusChangedOf(2, read)).toBe(read);
  });
});
