import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Stack } from './stack.js';
import { publishBody, withSeededStack } from './fixtures/index.js';

describe('the working-time calendar', () => {
  let stack: Stack;
  const api = () => request(stack.gatewayUrl);
  const appointment = async (query: Record<string, string | number>) =>
    (await api().get('/api/v1/calendar/appointment').query(query).expect(200)).body as { countingFrom: string; appointmentAt: string; workingMinutes: number };

  withSeededStack((started) => (stack = started));

  it('holds the statutory holidays of a year, lunar ones and make-up days included', async () => {
    const year = await api().get('/api/v1/calendar?year=2026').expect(200);
    expect(year.body).toMatchObject({ year: 2026, weekendDays: [6, 7], minutesPerDay: 480 });
    const days = new Map((year.body.days as Array<{ date: string; kind: string; source: string }>).map((d) => [d.date, d]));
    for (const date of ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02']) {
      expect(days.get(date)).toMatchObject({ kind: 'holiday', source: 'rule' });
    }
    // Hùng Kings' day 2026 falls on a Sunday: Monday is the make-up day off (nghỉ bù).
    expect(days.get('2026-04-27')).toMatchObject({ kind: 'compensatory' });
  });

  it('counts working days across Tết', async () => {
    const result = await appointment({ receivedAt: '2026-02-13T10:00:00+07:00', workingDays: 3 });
    expect(result.appointmentAt).toBe('2026-02-25T10:00:00+07:00');
    expect(result.workingMinutes).toBe(3 * 480);
  });

  it('counts a receipt after office hours from the next working morning, and honours a cutoff', async () => {
    const evening = await appointment({ receivedAt: '2026-03-16T18:00:00+07:00', workingDays: 1 });
    expect(evening).toMatchObject({ countingFrom: '2026-03-17T07:00:00+07:00', appointmentAt: '2026-03-17T17:00:00+07:00' });
    const paper = await appointment({ receivedAt: '2026-03-16T15:30:00+07:00', workingHours: 4, cutoff: '15:00' });
    expect(paper).toMatchObject({ countingFrom: '2026-03-17T07:00:00+07:00', appointmentAt: '2026-03-17T11:00:00+07:00' });
    const sameDay = await appointment({ receivedAt: '2026-03-16T15:30:00+07:00', workingHours: 1 });
    expect(sameDay.appointmentAt).toBe('2026-03-16T16:30:00+07:00');
  });

  it('uses the statutory time of the procedure version in force at receipt', async () => {
    await api().post('/api/v1/procedures').set('authorization', stack.adminAuth).send(publishBody('1.006001')).expect(201);
    const result = await appointment({ receivedAt: '2026-03-16T10:00:00+07:00', procedureCode: '1.006001' });
    expect(result).toMatchObject({ workingMinutes: 4800, appointmentAt: '2026-03-30T10:00:00+07:00' });
    const early = await api().get('/api/v1/calendar/appointment').query({ receivedAt: '2025-03-16T10:00:00+07:00', procedureCode: '1.006001' }).expect(404);
    expect(early.body.code).toBe('procedure-not-in-force');
  });

  it('takes an administrator\'s day swap into account, and forgets it when removed', async () => {
    await api().put('/api/v1/calendar/days/2026-03-21').send({ kind: 'working_day', name: 'Làm bù' }).expect(401);
    await api().put('/api/v1/calendar/days/2026-03-21').set('authorization', stack.adminAuth).send({ kind: 'working_day', name: 'Làm bù' }).expect(200);
    const swapped = await appointment({ receivedAt: '2026-03-20T16:00:00+07:00', workingHours: 2 });
    expect(swapped.appointmentAt).toBe('2026-03-21T08:00:00+07:00');
    await api().delete('/api/v1/calendar/days/2026-03-21').set('authorization', stack.adminAuth).expect(204);
    const normal = await appointment({ receivedAt: '2026-03-20T16:00:00+07:00', workingHours: 2 });
    expect(normal.appointmentAt).toBe('2026-03-23T08:00:00+07:00');
  });

  it('restores the statutory holiday when an override of it is removed', async () => {
    await api().put('/api/v1/calendar/days/2026-09-01').set('authorization', stack.adminAuth).send({ kind: 'working_day', name: 'Nghỉ lễ chuyển sang 03/9' }).expect(200);
    await api().put('/api/v1/calendar/days/2026-09-03').set('authorization', stack.adminAuth).send({ kind: 'holiday', name: 'Quốc khánh' }).expect(200);
    let year = await api().get('/api/v1/calendar?year=2026').expect(200);
    expect(year.body.days.find((d: { date: string }) => d.date === '2026-09-01')).toMatchObject({ kind: 'working_day', source: 'override' });
    await api().delete('/api/v1/calendar/days/2026-09-01').set('authorization', stack.adminAuth).expect(204);
    year = await api().get('/api/v1/calendar?year=2026').expect(200);
    expect(year.body.days.find((d: { date: string }) => d.date === '2026-09-01')).toMatchObject({ kind: 'holiday', source: 'rule' });
  });

  it('measures working time between two instants', async () => {
    const response = await api().get('/api/v1/calendar/working-time').query({ from: '2026-03-13T16:00:00+07:00', to: '2026-03-16T08:00:00+07:00' }).expect(200);
    expect(response.body).toMatchObject({ workingMinutes: 120, workingHours: 2 });
  });

  it('refuses bad questions with the field at fault', async () => {
    const both = await api().get('/api/v1/calendar/appointment').query({ receivedAt: '2026-03-16T10:00:00+07:00', workingDays: 1, workingHours: 2 }).expect(400);
    expect(both.body.errors[0].field).toBe('workingDays');
    const noOffset = await api().get('/api/v1/calendar/appointment').query({ receivedAt: 'next monday', workingDays: 1 }).expect(400);
    expect(noOffset.body.errors[0].field).toBe('receivedAt');
    const negative = await api().get('/api/v1/calendar/appointment').query({ receivedAt: '2026-03-16T10:00:00+07:00', workingDays: -1 }).expect(400);
    expect(negative.body.errors[0].field).toBe('workingDays');
    const badDate = await api().put('/api/v1/calendar/days/2026-02-30').set('authorization', stack.adminAuth).send({ kind: 'day_off', name: 'x' }).expect(400);
    expect(badDate.body.errors[0].field).toBe('date');
    const notSet = await api().delete('/api/v1/calendar/days/2026-03-25').set('authorization', stack.adminAuth).expect(404);
    expect(notSet.body.code).toBe('calendar-override-not-found');
    const backwards = await api().get('/api/v1/calendar/working-time').query({ from: '2026-03-16T08:00:00+07:00', to: '2026-03-13T16:00:00+07:00' }).expect(400);
    expect(backwards.body.errors[0].field).toBe('to');
    const hours = await api().put('/api/v1/calendar/office-hours').set('authorization', stack.adminAuth).send({ sessions: [{ start: '13:00', end: '12:00' }], weekendDays: [6, 7] }).expect(422);
    expect(hours.body.code).toBe('invalid-office-hours');
  });
});
