import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { clientAddressOf } from './audit.middleware.js';

const TOKEN = 'the-services-shared-secret';

function requestFrom(peer: string, headers: Record<string, string>): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { socket: { remoteAddress: peer }, header: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
}

describe('the client address an audit entry names', () => {
  it('is the one the gateway vouches for, with the service credential', () => {
    expect(clientAddressOf(requestFrom('10.0.0.2', { 'x-forwarded-for': '203.0.113.20', 'x-service-token': TOKEN }), TOKEN)).toBe('203.0.113.20');
    expect(clientAddressOf(requestFrom('10.0.0.2', { 'x-forwarded-for': '2001:db8::1', 'x-service-token': TOKEN }), TOKEN)).toBe('2001:db8::1');
  });

  it("is the socket's peer for anyone else, whatever X-Forwarded-For they write", () => {
    expect(clientAddressOf(requestFrom('10.0.0.9', { 'x-forwarded-for': '198.51.100.1' }), TOKEN)).toBe('10.0.0.9');
    expect(clientAddressOf(requestFrom('10.0.0.9', { 'x-forwarded-for': '198.51.100.1', 'x-service-token': 'a-guessed-service-secret' }), TOKEN)).toBe('10.0.0.9');
    expect(clientAddressOf(requestFrom('10.0.0.9', {}), TOKEN)).toBe('10.0.0.9');
  });

  it('is the peer when what is forwarded is not an address', () => {
    expect(clientAddressOf(requestFrom('10.0.0.2', { 'x-forwarded-for': 'not-an-address', 'x-service-token': TOKEN }), TOKEN)).toBe('10.0.0.2');
  });
});
