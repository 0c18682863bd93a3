// Subscribed to the table's stream, new visit history items only (functions.yml): the visit's figures.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { countVisitRecords, type VisitStreamRecord } from '../visitFigures';

export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  countVisitRecords(event.Records as VisitStreamRecord[]);
