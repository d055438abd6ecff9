// Word stock for the benchmark's narration: ten settings, each with its places, people, doings and details.

export interface Theme {
  /** Noun phrases: "the harbour". */
  places: string[];
  /** Noun phrases for someone: "an old fisherman". */
  people: string[];
  /** Past-tense predicates: "mended a torn net". */
  doings: string[];
  /** Whole past-tense clauses: "gulls circled over the masts". */
  sights: string[];
  /** Noun phrases for a sensation: "the smell of diesel and salt". */
  details: string[];
}

export const THEMES: Theme[] = [
  {
    places: ['the harbour', 'the stone pier', 'the fish market', 'the lighthouse at the end of the bay'],
    people: ['an old fisherman', 'the harbour master', 'two boys with fishing rods', 'a woman in a yellow coat'],
    doings: [
      'mended a torn net',
      'counted the crates of mackerel',
      'tied the boat to a rusty ring',
      'painted the hull',
    ],
    sights: ['gulls circled over the masts', 'the tide crept up the slipway', 'a trawler rounded the breakwater'],
    details: ['the smell of diesel and salt', 'the creak of ropes', 'the slap of water against the wall'],
  },
  {
    places: ['the mountain pass', 'the pine forest', 'the high meadow', 'the wooden hut below the glacier'],
    people: ['a tired hiker', 'the shepherd', 'a family with a small dog', 'the mountain guide'],
    doings: ['checked the map again', 'filled a bottle at the spring', 'lit a small stove', 'pointed at the ridge'],
    sights: ['clouds poured over the summit', 'a marmot whistled from a rock', 'the snow turned pink at sunset'],
    details: ['the thin cold air', 'the crunch of gravel underfoot', 'the scent of resin and wet moss'],
  },
  {
    places: ['the night market', 'the old town square', 'the covered bazaar', 'the street of spice merchants'],
    people: ['a noodle seller', 'a street musician', 'the lantern maker', 'a crowd of students'],
    doings: [
      'stirred a huge pot of broth',
      'tuned a battered guitar',
      'haggled over a silk scarf',
      'hung paper lanterns',
    ],
    sights: [
      'steam rose from a dozen stalls',
      'red lanterns swayed in the breeze',
      'a scooter squeezed through the crowd',
    ],
    details: ['the sizzle of hot oil', 'the smell of ginger and charcoal', 'the glow of strings of bulbs'],
  },
  {
    places: ['the laboratory', 'the observatory dome', 'the clean room', 'the control room of the telescope'],
    people: ['a young astronomer', 'the chief engineer', 'a team of technicians', 'the night operator'],
    doings: ['adjusted the mirror by a hair', 'wrote the numbers on a whiteboard', 'ran the test a third time'],
    sights: ['the dome slid open to the stars', 'a graph climbed slowly across the screen', 'the cooling fans hummed'],
    details: ['the faint hum of machines', 'the blue light of the monitors', 'the cold smell of metal'],
  },
  {
    places: ['the farmhouse kitchen', 'the orchard', 'the barn', 'the vegetable garden behind the house'],
    people: ['my grandmother', 'the farmer', 'a neighbour with a basket', 'the youngest of the children'],
    doings: ['kneaded the dough for bread', 'picked the last of the apples', 'fed the hens', 'stacked firewood'],
    sights: ['the kettle began to sing', 'rain drummed on the barn roof', 'a cat slept on the windowsill'],
    details: ['the warmth of the stove', 'the smell of baking bread', 'the sound of a distant tractor'],
  },
  {
    places: ['the night train', 'the station platform', 'the dining car', 'the small border station'],
    people: ['the conductor', 'an elderly couple', 'a student with a heavy rucksack', 'the woman in the next seat'],
    doings: [
      'punched the tickets',
      'shared a bar of chocolate',
      'read a newspaper by lamplight',
      'slept against the window',
    ],
    sights: ['fields slid past in the dark', 'the lights of a town flickered and vanished', 'the brakes hissed'],
    details: ['the rhythm of the rails', 'the smell of coffee from the corridor', 'the sway of the carriage'],
  },
  {
    places: ['the autumn woods', 'the river bank', 'the old stone bridge', 'the clearing beyond the beeches'],
    people: ['a painter with an easel', 'a man walking two dogs', 'a pair of birdwatchers', 'the forest ranger'],
    doings: ['mixed ochre and red on the palette', 'threw a stick into the water', 'raised the binoculars'],
    sights: ['leaves spun down into the current', 'a heron lifted off the shallows', 'mist hung above the water'],
    details: ['the smell of damp earth', 'the rustle of dry leaves', 'the low gold light of October'],
  },
  {
    places: ['the football stadium', 'the small town pitch', 'the changing room', 'the stands behind the goal'],
    people: ['the goalkeeper', 'the coach', 'a boy in a scarf too big for him', 'the referee'],
    doings: ['tightened the laces', 'shouted instructions from the line', 'blew the whistle', 'waved a flag'],
    sights: ['the floodlights came on', 'the ball curled into the corner', 'the whole crowd rose at once'],
    details: ['the roar of the crowd', 'the smell of cut grass', 'the thud of boots on the ball'],
  },
  {
    places: ['the old library', 'the reading room', 'the archive in the basement', 'the bookshop on the corner'],
    people: ['the librarian', 'a retired teacher', 'a girl doing her homework', 'the owner of the shop'],
    doings: ['climbed the ladder to the top shelf', 'turned the brittle pages', 'stamped the due date'],
    sights: [
      'dust floated in a shaft of sunlight',
      'the clock above the door ticked on',
      'a cart of returns rolled by',
    ],
    details: ['the smell of old paper', 'the hush of the long room', 'the green glass lamps'],
  },
  {
    places: ['the city rooftop', 'the underground station', 'the corner cafe', 'the bridge over the motorway'],
    people: ['a cyclist in the rain', 'the barista', 'a man in a grey suit', 'a delivery driver'],
    doings: [
      'locked the bike to a railing',
      'drew a heart in the milk foam',
      'checked the time twice',
      'unloaded boxes',
    ],
    sights: ['the skyline lit up window by window', 'a train thundered into the tunnel', 'traffic crawled below'],
    details: ['the hiss of the espresso machine', 'the wet shine of the pavement', 'the distant sound of sirens'],
  },
];

export const TIMES = [
  'Early in the morning',
  'By noon',
  'Late in the afternoon',
  'Just before dusk',
  'Long after midnight',
  'On the first warm day of spring',
  'In the middle of winter',
  'Years later',
  'That same evening',
  'On a grey Sunday',
];

export const MOODS = ['quiet', 'restless', 'crowded', 'half asleep', 'strangely calm', 'full of noise', 'empty'];
