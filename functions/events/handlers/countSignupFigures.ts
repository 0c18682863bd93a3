// Subscribed to the table's stream, signup items only (functions.yml): the dashboard's sign-up figures.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { countSignupRecords, type SignupStreamRecord } from '../signupFigures';

export const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  countSignupRecords(event.Records as SignupStreamRecord[]);
