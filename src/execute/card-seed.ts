import { createHash } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
// The English build only: faker's main entry loads every locale (~0.2 s at each start of the CLI).
import { faker as english } from '@faker-js/faker/locale/en';

/** The Faker class and the English definitions (en over base), taken from the English build's instance. */
const FakerClass = english.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;

/** A card's faker seed, from the run seed and the card id: concurrency cannot change it. */
export function cardSeed(runSeed: number, cardId: string): number {
  return createHash('sha256').update(`${runSeed}:${cardId}`).digest().readUInt32BE(0);
}

export function createCardFaker(runSeed: number, cardId: string): Faker {
  const faker = new FakerClass({ locale: english.rawDefinitions });
  faker.seed(cardSeed(runSeed, cardId));
  return faker;
}

/** A fresh run seed when the user gives none. */
export function newRunSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
