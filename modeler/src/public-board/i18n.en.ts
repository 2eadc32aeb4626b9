import type { ratingsBoardZh } from './i18n.ts';

export const ratingsBoardEn: typeof ratingsBoardZh = {
  title: 'Service ratings, made public',
  intro:
    "Each department's ratings over the last year: the share of good ratings, the bad ones and how they were put right, updated every five minutes. Figures only: no case and no one's personal details.",
  period: 'Period: {from} to {to}',
  total:
    'City-wide: 1 rating, {satisfaction} good, {bad} bad, {rectification} of them put right | City-wide: {ratings} ratings, {satisfaction} good, {bad} bad, {rectification} of them put right',
  caption: 'Departments ranked by the share of good ratings',
  rank: 'Rank',
  department: 'Department',
  ratings: 'Ratings',
  satisfaction: 'Good ratings',
  bad: 'Bad ratings',
  rectification: 'Bad ratings put right',
  onTime: 'Put right on time',
  none: 'No ratings in this period yet',
  noFigure: '—',
  failed: 'The ratings cannot be read just now; please try again later',
  fromTrack: 'Service ratings, made public',
};
