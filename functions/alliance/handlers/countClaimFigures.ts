// Subscribed to the table's stream, code items only (functions.yml): the dashboard's alliance figures.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { countClaimRecords, type ClaimStreamRecord } from '../claimFigures';

export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  countClaimRecords(event.Records as ClaimStreamRecord[]);
