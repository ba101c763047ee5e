import type { DeputySummary, GeoPoint, LandingView, PublicResults } from '../../core/api';
import { targetFromOptions, type Target } from '../../core/codes';
import { textSize } from '../../behaviors/text-size';
import { loadable } from '../../behaviors/loadable';
import { isApiError } from '../../services/api';
import * as resident from '../../services/resident';
import { initialOf, receptionLabel } from '../../utils/format';
import { rememberVisit, targetOf } from '../../utils/visit';
import { navigate, relaunch, toast } from '../../utils/ui';

/**
 * Where a scan lands: who the resident is about to reach, and the button to reach them. The first
 * screen after a scan, so it costs exactly one cloud call (`resident.landing`), and none at all when
 * the code cannot be read.
 *
 * Below who they are: what they have done this year and the outcomes residents agreed to publish
 * (五公开), so that a neighbour can see it works.
 *
 * Options: `scene` (mini-program code), `q` (ordinary QR code URL) or `type` + `code` (from inside).
 */

interface PersonCard {
  key: string;
  name: string;
  initial: string;
  photoUrl: string;
  levelLabel: string;
  title: string;
}

interface DeputyScreen extends PersonCard {
  stationName: string;
  stationAddress: string;
  nextReception: string;
}

interface StationScreen {
  name: string;
  levelLabel: string;
  address: string;
  openingHours: string;
  location: GeoPoint | null;
  receptions: Array<{ key: string; day: string; onDuty: string }>;
  deputies: PersonCard[];
}

/** 五公开 in plain words: this year's figures, and the outcomes residents agreed to publish. */
interface ResultsScreen {
  title: string;
  received: string;
  replied: string;
  satisfaction: string;
  outcomes: Array<{ key: string; heading: string; summary: string; outcome: string; answer: string }>;
}

const LANDING_KEYS = ['scene', 'q', 'type', 'code'] as const;

/** Only what names the target goes to the function; WeChat adds other options that mean nothing to it. */
function landingInput(options: Record<string, string | undefined>): resident.LandingInput {
  const input: resident.LandingInput = {};
  for (const key of LANDING_KEYS) {
    const value = options[key];
    if (typeof value === 'string' && value) input[key] = value;
  }
  return input;
}

const personCard = (deputy: DeputySummary): PersonCard => ({
  key: deputy.id,
  name: deputy.name,
  initial: initialOf(deputy.name),
  photoUrl: deputy.photoUrl ?? '',
  levelLabel: deputy.levelLabel,
  title: deputy.title,
});

function resultsOf(results: PublicResults | undefined): ResultsScreen | null {
  if (!results) return null;
  return {
    title: `${results.year}年办理情况`,
    received: `${results.received} 件`,
    replied: `${results.replied} 件`,
    satisfaction:
      results.satisfactionRate === null ? '还没有评价' : `${Number(results.satisfactionRate.toFixed(1))}%`,
    outcomes: results.outcomes.map((o, i) => ({
      key: `${o.month}-${i}`,
      heading: `${o.categoryName} · ${o.monthLabel}办结`,
      summary: o.summary,
      outcome: o.outcomeLabel,
      answer: o.answer,
    })),
  };
}

function screenOf(view: LandingView): { deputy: DeputyScreen | null; station: StationScreen | null } {
  if (view.target === 'deputy') {
    return {
      deputy: {
        ...personCard(view.deputy),
        stationName: view.station?.name ?? '',
        stationAddress: view.station?.address ?? '',
        nextReception: receptionLabel(view.nextReception),
      },
      station: null,
    };
  }
  return {
    deputy: null,
    station: {
      name: view.station.name,
      levelLabel: view.station.levelLabel,
      address: view.station.address,
      openingHours: view.station.openingHours,
      location: view.station.location,
      receptions: view.nextReceptions.map((day) => ({
        key: day.date,
        day: receptionLabel(day),
        onDuty: day.deputiesOnDuty.join('、'),
      })),
      deputies: view.deputies.map(personCard),
    },
  };
}

Component({
  behaviors: [loadable, textSize],
  data: {
    /** The code cannot be read: no call can help. */
    invalid: false,
    request: {} as resident.LandingInput,
    target: null as Target | null,
    deputy: null as DeputyScreen | null,
    station: null as StationScreen | null,
    results: null as ResultsScreen | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (!targetFromOptions(options)) {
        this.setData({ invalid: true });
        return;
      }
      this.setData({ request: landingInput(options) });
      this.offerTextSize();
      void this.load();
    },

    async fetch() {
      try {
        const view = await resident.landing(this.data.request);
        rememberVisit(view);
        this.setData({ target: targetOf(view), ...screenOf(view), results: resultsOf(view.publicResults) });
      } catch (error) {
        // The function reads codes more strictly than the phone: it may still find this one unreadable.
        if (!isApiError(error) || error.code !== 'CODE.MALFORMED') throw error;
        this.setData({ invalid: true });
      }
    },

    onReport() {
      const target = this.data.target;
      if (!target) return;
      navigate(`/pages/submit/index?type=${target.type}&code=${target.code}`);
    },

    onOpenStation() {
      const station = this.data.station;
      if (!station?.location) return;
      wx.openLocation({
        ...station.location,
        name: station.name,
        address: station.address,
        scale: 16,
      }).catch(() => toast('无法打开地图'));
    },

    onHome() {
      // A scan opens this page first, so there is usually nothing to go back to.
      relaunch('/pages/home/index');
    },
  },
});
