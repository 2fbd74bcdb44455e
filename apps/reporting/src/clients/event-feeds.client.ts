import { Injectable } from '@nestjs/common';
import type { BackendService } from '@onestop/domain';
import { type EventFeedPage, ServiceClient } from '@onestop/platform';

/** The services' own event feeds (`GET /internal/events`), read in `seq` order for a rebuild. */
@Injectable()
export class EventFeedsClient {
  constructor(private readonly client: ServiceClient) {}

  /** The events of `types` after `after`; anything but a 200 is an error. */
  async page(source: BackendService, after: number, limit: number, types: string[]): Promise<EventFeedPage> {
    const response = await this.client.request<EventFeedPage>(source, { path: '/internal/events', query: { after, limit, types: types.join(',') } });
    if (response.status !== 200) throw new Error(`${source} answered ${response.status} for its events: ${JSON.stringify(response.body).slice(0, 300)}`);
    return response.body;
  }
}
