/**
 * The seeded world: a small catalogue, ~25 orders across regions, member tiers, categories and
 * statuses (dates relative to `now`, so 7-day and 180-day windows hold), and starting stock. The
 * scenario orders (ORD-LIPSTICK-XJ, ORD-SEAFOOD-SH, …) keep their ids forever: tests name them.
 * Customers are invented; their names, phones and addresses never leave the sandbox.
 */
import type { Carrier, Category, MemberTier, OrderItem } from '../domain/types';
import type { CustomerChannel, SandboxOrder } from './state';

type Product = Omit<OrderItem, 'quantity'>;
const product = (sku: string, title: string, category: Category, unitPrice: number): Product => ({ sku, title, category, unitPrice });

/** Every seeded SKU, prices in fen. */
export const CATALOGUE: Record<string, Product> = Object.fromEntries([
  product('SKU-LIPSTICK-999', 'Velvet matte lipstick #999', 'beauty', 32_000),
  product('SKU-FACE-CREAM', 'Repair face cream 50 ml', 'beauty', 45_000),
  product('SKU-SEAFOOD-CRAB', 'Live hairy crabs, 8 pieces', 'fresh', 45_800),
  product('SKU-CHERRY-2KG', 'Chilean cherries 2 kg', 'fresh', 25_800),
  product('SKU-MILK-12', 'Fresh milk 12 x 250 ml', 'fresh', 7_990),
  product('SKU-MANGO-3KG', 'Hainan mangoes 3 kg', 'fresh', 8_990),
  product('SKU-PHONE-X12', 'X12 smartphone 256 GB', '3c', 599_900),
  product('SKU-EARBUDS', 'Wireless earbuds', '3c', 89_900),
  product('SKU-LAPTOP-14', '14-inch laptop', '3c', 699_900),
  product('SKU-COAT-WOOL', 'Wool coat', 'apparel', 89_900),
  product('SKU-TSHIRT', 'Cotton T-shirt', 'apparel', 9_900),
  product('SKU-SNEAKER-LTD', 'Limited-edition sneakers', 'apparel', 129_900),
  product('SKU-DUVET', 'Silk duvet', 'home', 39_900),
  product('SKU-KETTLE', 'Electric kettle', 'home', 15_900),
  product('SKU-GIFT-TOWEL', 'Courtesy gift: towel set', 'home', 1_990),
  product('SKU-RICE-5KG', 'Northeast rice 5 kg', 'grocery', 6_990),
  product('SKU-TEA-LONGJING', 'Longjing green tea 250 g', 'grocery', 29_800),
  product('SKU-YAK-JERKY', 'Yak jerky 500 g', 'grocery', 12_800),
].map((p) => [p.sku, p]));

/** SKUs that start with no stock anywhere (out-of-stock scenarios). */
export const OUT_OF_STOCK_SKUS = ['SKU-SNEAKER-LTD'];
export const DEFAULT_STOCK = 20;

// id, tier, division, status, hours since delivery (or since payment when unshipped, since shipping
// when shipped), carrier, items as sku*qty
type Row = [string, MemberTier, string, SandboxOrder['status'], number, Carrier, string];
const ORDERS: Row[] = [
  ['ORD-LIPSTICK-XJ', 'platinum', '650102', 'delivered', 24, 'EMS', 'SKU-LIPSTICK-999*1'],
  ['ORD-SEAFOOD-SH', 'standard', '310101', 'delivered', 2, 'SF', 'SKU-SEAFOOD-CRAB*1'],
  ['ORD-RETURN-BJ', 'silver', '110101', 'delivered', 72, 'JD', 'SKU-COAT-WOOL*1'],
  ['ORD-FRESH-XJ', 'gold', '650102', 'delivered', 3, 'EMS', 'SKU-CHERRY-2KG*2'],
  ['ORD-PHONE-GZ', 'gold', '440305', 'delivered', 40 * 24, 'SF', 'SKU-PHONE-X12*1'],
  ['ORD-SNEAKER-OOS', 'silver', '310104', 'delivered', 20, 'SF', 'SKU-SNEAKER-LTD*1'],
  ['ORD-STUCK-LS', 'standard', '540102', 'shipped', 6 * 24, 'EMS', 'SKU-TEA-LONGJING*2'],
  ['ORD-UNSHIPPED-CD', 'standard', '510104', 'unshipped', 5, 'SF', 'SKU-EARBUDS*1'],
  ['ORD-LATE-RETURN-WH', 'silver', '420102', 'delivered', 9 * 24, 'JD', 'SKU-TSHIRT*3'],
  ['ORD-MILK-SY', 'standard', '210102', 'delivered', 5, 'JD', 'SKU-MILK-12*2'],
  ['ORD-LAPTOP-SZ', 'platinum', '440305', 'delivered', 100 * 24, 'SF', 'SKU-LAPTOP-14*1'],
  ['ORD-OLD-PHONE-BJ', 'standard', '110105', 'delivered', 200 * 24, 'JD', 'SKU-PHONE-X12*1'],
  ['ORD-DUVET-HZ', 'gold', '330106', 'delivered', 30, 'ZTO', 'SKU-DUVET*1'],
  ['ORD-KETTLE-CQ', 'standard', '500103', 'delivered', 48, 'ZTO', 'SKU-KETTLE*1'],
  ['ORD-CREAM-NJ', 'platinum', '320102', 'delivered', 10, 'SF', 'SKU-FACE-CREAM*2,SKU-LIPSTICK-999*1'],
  ['ORD-MANGO-KM', 'silver', '530102', 'delivered', 6, 'SF', 'SKU-MANGO-3KG*1'],
  ['ORD-RICE-HRB', 'standard', '230102', 'delivered', 4 * 24, 'EMS', 'SKU-RICE-5KG*2'],
  ['ORD-JERKY-XN', 'standard', '630102', 'delivered', 36, 'EMS', 'SKU-YAK-JERKY*3'],
  ['ORD-EARBUDS-XA', 'gold', '610102', 'delivered', 15 * 24, 'JD', 'SKU-EARBUDS*1'],
  ['ORD-COAT-CS', 'silver', '430102', 'shipped', 30, 'ZTO', 'SKU-COAT-WOOL*1,SKU-TSHIRT*2'],
  ['ORD-CRAB-SZ', 'gold', '440305', 'shipped', 10, 'SF', 'SKU-SEAFOOD-CRAB*2'],
  ['ORD-TEA-FZ', 'standard', '350102', 'unshipped', 30, 'ZTO', 'SKU-TEA-LONGJING*1'],
  ['ORD-CHERRY-CD', 'platinum', '510104', 'delivered', 8, 'SF', 'SKU-CHERRY-2KG*1'],
  ['ORD-GROCERY-WH', 'silver', '420102', 'delivered', 50, 'JD', 'SKU-RICE-5KG*1,SKU-TEA-LONGJING*1'],
  ['ORD-HOME-SH', 'standard', '310101', 'delivered', 6 * 24, 'ZTO', 'SKU-KETTLE*1,SKU-DUVET*1'],
];

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Xiu', 'Tao', 'Ling'];
const CHANNELS: CustomerChannel[] = ['app_push', 'sms', 'mini_program'];
const HOUR = 3_600_000;

/** Parses `SKU-A*1,SKU-B*2` against the catalogue. */
export function itemsFrom(spec: string): OrderItem[] {
  return spec.split(',').map((part) => {
    const [sku = '', qty = '1'] = part.split('*');
    const p = CATALOGUE[sku];
    if (!p) throw new Error(`Unknown seeded SKU ${sku}`);
    return { ...p, quantity: Number(qty) };
  });
}

/** Invented tracking number of a seeded parcel, stable per order. */
function seededTracking(carrier: Carrier, index: number): string {
  return `${carrier}${String(900_000_000 + index * 7_919).padStart(12, '0')}`;
}

export function seedOrders(now: number): SandboxOrder[] {
  return ORDERS.map(([orderId, memberTier, division, status, hours, carrier, spec], i) => {
    const anchor = now - hours * HOUR;
    const paidAt = status === 'unshipped' ? anchor : anchor - (status === 'shipped' ? 12 : 60) * HOUR;
    const shippedAt = status === 'shipped' ? anchor : status === 'delivered' ? paidAt + 12 * HOUR : undefined;
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
    const n = i + 1;
    return {
      orderId,
      customerRef: `CUST-${String(n).padStart(4, '0')}`,
      memberTier,
      status,
      items: itemsFrom(spec),
      destinationDivisionCode: division,
      paidAt: new Date(paidAt).toISOString(),
      ...(shippedAt !== undefined && { shippedAt: iso(shippedAt), carrier, trackingNumber: seededTracking(carrier, n) }),
      ...(status === 'delivered' && { deliveredAt: iso(anchor) }),
      customer: {
        name: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 3) % GIVEN.length]}`,
        phone: `1380000${String(1000 + n)}`,
        address: `${division} District, No. ${10 + n} Example Road, Room ${100 + n}`,
        channel: CHANNELS[i % CHANNELS.length] ?? 'sms',
      },
    };
  });
}

/** DEFAULT_STOCK of every catalogue SKU in every warehouse, except the out-of-stock ones. */
export function seedStock(warehouseIds: string[]): Map<string, Map<string, number>> {
  return new Map(
    warehouseIds.map((wh) => [
      wh,
      new Map(Object.keys(CATALOGUE).map((sku) => [sku, OUT_OF_STOCK_SKUS.includes(sku) ? 0 : DEFAULT_STOCK])),
    ]),
  );
}
