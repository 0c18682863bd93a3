// Subscribed to the table's stream (functions.yml: signup, visit and code items): the dashboard's figures.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { countFigureRecords, type FigureStreamRecord } from '../figuresStream';

export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  countFigureRecords(event.Records as FigureStreamRecord[]);
