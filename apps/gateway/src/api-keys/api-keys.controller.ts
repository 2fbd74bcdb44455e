import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, ApiPageResponse, ApiProblems, type Caller, CurrentCaller, type Page, PageQuery } from '@onestop/platform';
import { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './api-key.dto.js';
import { ApiKeysService } from './api-keys.service.js';
import { GatewayAccess } from '../access-policy.js';

@ApiTags('api-keys')
@Controller('api/v1/api-keys')
@Access(GatewayAccess.manageApiKeys)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'Admin only. A key for a machine (the national portal\'s sync jobs: `sync:read`, `sync:write`; the postal operator: `postal`). The answer shows the key once; only its hash is kept. Machines send it as `X-Api-Key`.',
  })
  @ApiCreatedResponse({ type: CreatedApiKey, description: 'The key, shown this once.' })
  @ApiProblems(400, 401, 403)
  create(@CurrentCaller() caller: Caller, @Body() request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.keys.create(caller, request);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys', description: 'Admin only. Names, scopes, prefixes, last use and revocation; never the keys. Newest first, a page at a time (`limit`, `cursor`).' })
  @ApiPageResponse(ApiKeyView, 'A page of keys, newest first.')
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    return this.keys.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key', description: 'Admin only. The key stops working at once on this gateway, and within two minutes everywhere.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblems(400, 401, 403, 404)
  revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.keys.revoke(id);
  }
}
