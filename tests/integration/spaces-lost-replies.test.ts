// A check-in whose open record the store applied but whose reply was lost: the store client sends the write again
// and the copy is refused by the original. The check-in must see that the open record is its own and keep the place
// it took (it gave the place back, and the next person got in over the capacity), and write its history.
import { checkinStore } from '../../functions/spaces/checkinStore';
import { audit, checkIn, spacesSuite, spaceWithDoor, visits } from './spaces.support';
import { loseNextReply } from '../support/lostReply';

jest.setTimeout(60_000);

const suite = spacesSuite();
afterEach(() => jest.restoreAllMocks());

it('a check-in whose open record was applied keeps its place: 201, history written, the next person refused', async () => {
  const { app } = suite;
  const { space, door } = await spaceWithDoor(suite, 1);
  const [first, second] = [await suite.newUser(), await suite.newUser()];
  const lost = loseNextReply(checkinStore, 'putOpen');
  const res = await checkIn(app, first.token, space.id, door);
  expect(lost).toHaveBeenCalledTimes(1);
  expect([res.status, res.body.checkin?.status]).toEqual([201, 'in']);
  const refused = await checkIn(app, second.token, space.id, door);
  expect([refused.status, refused.body.error?.code]).toEqual([409, 'SPACE_FULL']);
  expect(await audit(space.id)).toEqual({ counter: 1, capacity: 1, open: 1, intents: 0 });
  expect((await visits(app, first.token)).map((v) => [v.id, v.status])).toEqual([
    [res.body.checkin.id, 'in'],
  ]);
});
