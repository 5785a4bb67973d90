// Invented people for the evaluation: given names with the short forms people really use, and surnames
// of the forms UK lists hold (Mc/Mac, O', ap, double-barrelled). Nobody here is a real victim.

export const GIVEN_SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  Margaret: ['Maggie', 'Peggy', 'Meg'], Elizabeth: ['Liz', 'Beth', 'Lizzie'], Robert: ['Bob', 'Rob', 'Bobby'],
  William: ['Bill', 'Will', 'Billy'], Richard: ['Rick', 'Dick', 'Richie'], James: ['Jim', 'Jimmy', 'Jamie'],
  Michael: ['Mike', 'Mick'], Catherine: ['Cath', 'Kate', 'Cathy'], Katherine: ['Kate', 'Kathy', 'Katie'],
  Patricia: ['Pat', 'Trish'], Susan: ['Sue', 'Susie'], Christopher: ['Chris'], Anthony: ['Tony'],
  Dafydd: ['Dai'], Gerard: ['Ged', 'Gerry'], Jennifer: ['Jen', 'Jenny'], Rebecca: ['Becky'],
  Victoria: ['Vicky'], Alexander: ['Alex', 'Sandy'], Thomas: ['Tom', 'Tommy'], Edward: ['Ed', 'Ted', 'Eddie'],
  Stephen: ['Steve'], Daniel: ['Dan', 'Danny'], Samantha: ['Sam'], Deborah: ['Debbie', 'Deb'],
  Joseph: ['Joe'], Nicholas: ['Nick'], Benjamin: ['Ben'], Jacqueline: ['Jackie'], Kenneth: ['Ken'],
  Barbara: ['Babs'], Dorothy: ['Dot', 'Dolly'], Frederick: ['Fred'], Gareth: ['Gaz'], Siobhan: ['Shiv'],
  Theresa: ['Tess', 'Terri'], Matthew: ['Matt'], Andrew: ['Andy'], Lawrence: ['Larry'], Philip: ['Phil'],
};

export const GIVEN_NAMES: readonly string[] = [
  ...Object.keys(GIVEN_SHORT_FORMS),
  'Jane', 'Sarah', 'Emma', 'Claire', 'Louise', 'Helen', 'Rachel', 'Amy', 'Laura', 'Hannah', 'Chloe', 'Megan',
  'Sian', 'Angharad', 'Ffion', 'Cerys', 'Rhian', 'Bethan', 'Niamh', 'Aoife', 'Roisin', 'Priya', 'Aisha',
  'Fatima', 'Amina', 'Chiamaka', 'Ngozi', 'Agnieszka', 'Zofia', 'Mark', 'Paul', 'David', 'John', 'Peter',
  'Gary', 'Darren', 'Wayne', 'Craig', 'Lee', 'Rhodri', 'Iwan', 'Owain', 'Emlyn', 'Ciaran', 'Declan',
  'Tariq', 'Imran', 'Kwame', 'Tomasz', 'Marek', 'Kelly', 'Leanne', 'Gemma', 'Natalie', 'Joanne', 'Tracey',
];

export const MIDDLE_NAMES: readonly string[] = ['Anne', 'Marie', 'Louise', 'Mary', 'John', 'James', 'Lee', 'Elizabeth', 'Rose', 'Wyn', 'Glyn', 'Ann'];

export const SURNAMES: readonly string[] = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson',
  'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris',
  'Lewis', 'Martin', 'Jackson', 'Clarke', 'Clark', 'Turner', 'Hill', 'Scott', 'Cooper', 'Morris', 'Ward',
  'Moore', 'King', 'Watson', 'Baker', 'Harrison', 'Morgan', 'Patel', 'Young', 'Allen', 'Mitchell', 'James',
  'Anderson', 'Phillips', 'Lee', 'Bell', 'Parker', 'Davis', 'Okonkwo', 'Adeyemi', 'Mensah', 'Kowalski',
  'Nowak', 'Khan', 'Hussain', 'Begum', 'Ahmed', 'Raman', 'Chaudhry', 'Whitfield', 'Pritchard', 'Llewellyn',
  'Vaughan', 'Prosser', 'Gwynne', 'Bevan', 'Powell', 'Price', 'Griffiths', 'Jenkins', 'Rees', 'Rhys',
  'Cadwaladr', 'Tudor', 'Meredith', 'Pugh', 'Bowen', 'Howells', 'Madoc', 'Parry', 'Probert', 'Pryce',
  'McAllister', 'McDonald', 'McKenzie', 'MacLeod', 'MacIntyre', 'McGregor', 'McCarthy', "O'Brien", "O'Neill",
  "O'Connor", "O'Sullivan", 'Doherty', 'Gallagher', 'Kennedy', 'Quinn', 'Byrne', 'Murphy', 'Fitzgerald',
  'Ashworth', 'Butterworth', 'Greenhalgh', 'Hargreaves', 'Ramsbottom', 'Sutcliffe', 'Openshaw', 'Entwistle',
  'Fairclough', 'Heywood', 'Kershaw', 'Lomax', 'Pilling', 'Schofield', 'Tattersall', 'Whittaker', 'Holroyd',
  'Atherton', 'Birtwistle', 'Cunliffe', 'Duckworth', 'Eckersley', 'Haworth', 'Ingham', 'Marsden', 'Nuttall',
  'Pickup', 'Rawcliffe', 'Stansfield', 'Thornley', 'Unsworth', 'Walmsley', 'Yates', 'Crompton', 'Dewhurst',
  'Fielding', 'Gaskell', 'Hindle', 'Isherwood', 'Kenyon', 'Livesey', 'Mather', 'Ormerod', 'Prestwich',
  'Riley', 'Shuttleworth', 'Tomlinson', 'Warburton', 'Aspinall', 'Bradshaw', 'Catterall', 'Holden',
];

export const FORMER_SURNAMES: readonly string[] = ['Hale', 'Doe', 'Carter', 'Sharpe', 'Foster', 'Lyons', 'Archer', 'Barlow', 'Crossley', 'Dunn'];

export const PRISONS: readonly (readonly string[])[] = [
  ['HMP Leeds', '2 Gloucester Terrace', 'Armley', 'Leeds LS12 2TJ'],
  ['HMP Manchester', '1 Southall Street', 'Manchester M60 9AH'],
  ['HMP Cardiff', 'Knox Road', 'Cardiff CF24 0UG'],
  ['HMP Liverpool', '68 Hornby Road', 'Liverpool L9 3DF'],
  ['HMP Durham', 'Old Elvet', 'Durham DH1 3HU'],
  ['HMP Bristol', '19 Cambridge Road', 'Horfield', 'Bristol BS7 8PS'],
  ['HMP Swansea', '200 Oystermouth Road', 'Swansea SA1 3SR'],
  ['HMP Berwyn', 'Bridge Road', 'Wrexham LL13 9QS'],
  ['HMP Forest Bank', 'Agecroft Road', 'Pendlebury', 'Manchester M27 8FB'],
  ['HMP Risley', 'Warrington Road', 'Warrington WA3 6BP'],
];

/** Rare surnames, one entry each: for entries whose letters must clear (another prisoner's, lapsed). */
export const RESERVED_SURNAMES: readonly string[] = (
  'Ackroyd Blenkinsop Brierley Cragg Dearden Featherstone Gudgeon Higginbottom Illingworth Jagger Kitchingman ' +
  'Lumb Micklethwaite Nettleton Oddie Pickersgill Quarmby Rishworth Sugden Thackray Uttley Verity Wadsworth ' +
  'Yeadon Ambler Boocock Clegg Drabble Exley Firth Greenwood Haigh Ibbotson Jowett Kaye Lister Mallinson ' +
  'Noble Oates Priestley Ramsden Shackleton Tetley Varley Whiteley Akroyd Bairstow Crowther Dyson Eastwood ' +
  'Fearnley Gledhill Hirst Inman Jessop Keighley Lockwood Moorhouse Naylor Outhwaite Pogson Roebuck Sykes ' +
  'Tinker Umpleby Waddington Armitage Barraclough Calvert Denison Ellam Farrar Garside Holdsworth Iredale ' +
  'Jubb Kilburn Learoyd Marsh Normington Ogden Pashley Redman Senior Townend Walshaw Wrigglesworth Broadbent ' +
  'Cockroft Dobson Emmott Fozzard Gaukroger Hanson Hinchliffe Kinder Lodge Midgley Nutter Oldroyd Pearson ' +
  'Rhodes Shaw-Bentley Stead Taylor-Greaves Wilcock Woodhead Brook Charnock Bottomley Crabtree Dransfield ' +
  'Greenough Haworth-Booth Horsfall Knowles Laycock Mitchell-Innes Murgatroyd Pollard Rushworth Spencer-Scott ' +
  'Tordoff Vause Whitworth Appleyard Binns Coates Duckett Ellis-Firth Fieldhouse Goodall Heap Holroyd-Barker ' +
  'Jackson-Hyde Kell Leach Mawson Newsome Parkin Rothery Scargill Thornton Wainwright Widdop Wormald'
).split(' ');
