import { describe, expect, it } from '@jest/globals';
import { BACKEND_SERVICES } from '../services.js';
import { CURRENT_EVENT_VERSIONS, EVENT_SUBSCRIPTIONS, EVENT_TYPES, isEventType, subscribersOf } from './contracts.js';

describe('event contracts', () => {
  it('routes ProcedurePublished to reporting', () => {
    expect(subscribersOf('ProcedurePublished')).toEqual(['reporting']);
  });

  it('routes postal\'s shipments to reporting (sent, delivered, back at the agency) and their status to workflow', () => {
    expect(subscribersOf('ShipmentRegistered')).toEqual(['reporting']);
    expect(subscribersOf('ShipmentStatusChanged')).toEqual(['workflow', 'reporting']);
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
});
