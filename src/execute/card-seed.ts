import { createHash } from 'node:crypto';
import { Faker, base, en } from '@faker-js/faker';

/** A card's faker seed, from the run seed and the card id: concurrency cannot change it. */
export function cardSeed(runSeed: number, cardId: string): number {
  return createHash('sha256').update(`${runSeed}:${cardId}`).digest().readUInt32BE(0);
}

export function createCardFaker(runSeed: number, cardId: string): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(cardSeed(runSeed, cardId));
  return faker;
}

/** A fresh run seed when the user gives none. */
export function newRunSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
