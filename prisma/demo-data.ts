import type { ShipmentStatus } from "../lib/carriers/status";
import type { OrderInput } from "../lib/shipments/schemas";

/** A step of a demo parcel's history: hours before "now", what happened, and where. */
export interface DemoScan {
  hoursAgo: number;
  status: ShipmentStatus;
  detail?: string;
  description: string;
  city: string;
  region: string;
  /** Local UTC offset in minutes at that place (demo dates are in winter: standard time). */
  offset: number;
}

export interface DemoOrder {
  order: OrderInput;
  /** Scans per shipment, in the order of order.shipments. */
  scans: DemoScan[][];
}

const EAST = -300;
const CENTRAL = -360;
const WEST = -480;

const origin = { city: "Portland", region: "OR", offset: WEST };

function labelCreated(hoursAgo: number): DemoScan {
  return { hoursAgo, status: "INFO_RECEIVED", description: "Shipping label created, awaiting carrier pickup", ...origin };
}

function pickedUp(hoursAgo: number): DemoScan {
  return { hoursAgo, status: "IN_TRANSIT", detail: "picked_up", description: "Picked up by carrier", ...origin };
}

const destination = (city: string, region: string, postalCode: string) => ({ city, region, postalCode, country: "US", street: "1 Demo Street" });

export const DEMO_MERCHANT = {
  slug: "northwind",
  name: "Northwind Outfitters",
  brandColor: "#0f766e",
  supportEmail: "help@northwind.example",
  supportPhone: "+1 503 555 0100",
  supportUrl: "https://northwind.example/help",
  customMessage: "Thanks for shopping with us — every order is packed by hand in Portland.",
  timeZone: "America/Los_Angeles",
  defaultLocale: "en",
  originRegion: "OR",
  originCountry: "US",
};

export const DEMO_ORDERS: DemoOrder[] = [
  {
    order: {
      orderNumber: "NW-1001",
      shopper: { name: "Avery Chen", email: "avery@example.com", phone: "+15035550111", timeZone: "America/Los_Angeles" },
      destination: destination("Seattle", "WA", "98101"),
      shipments: [{ carrier: "ups", service: "Ground", trackingNumber: "1Z999AA10123456784" }],
    },
    scans: [[labelCreated(5)]],
  },
  {
    order: {
      orderNumber: "NW-1002",
      shopper: { name: "Jordan Diaz", email: "jordan@example.com", phone: "+13125550122", timeZone: "America/Chicago" },
      destination: destination("Chicago", "IL", "60601"),
      shipments: [{ carrier: "usps", service: "Priority Mail", trackingNumber: "9400111899223344556677" }],
    },
    scans: [
      [
        labelCreated(54),
        pickedUp(50),
        { hoursAgo: 40, status: "IN_TRANSIT", detail: "departed_facility", description: "Departed USPS regional facility", city: "Portland", region: "OR", offset: WEST },
        { hoursAgo: 20, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at USPS regional facility", city: "Denver", region: "CO", offset: -420 },
        { hoursAgo: 6, status: "IN_TRANSIT", detail: "in_transit", description: "In transit to next facility", city: "Omaha", region: "NE", offset: CENTRAL },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1003",
      shopper: { name: "Sam Okafor", email: "sam@example.com", timeZone: "America/Denver" },
      destination: destination("Denver", "CO", "80202"),
      shipments: [{ carrier: "fedex", service: "Home Delivery", trackingNumber: "794644790132" }],
    },
    scans: [
      [
        labelCreated(70),
        pickedUp(66),
        { hoursAgo: 30, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx location", city: "Salt Lake City", region: "UT", offset: -420 },
        { hoursAgo: 9, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "At local FedEx facility", city: "Denver", region: "CO", offset: -420 },
        { hoursAgo: 2, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "On FedEx vehicle for delivery", city: "Denver", region: "CO", offset: -420 },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1004",
      shopper: { name: "Riley Park", email: "riley@example.com", timeZone: "America/Los_Angeles" },
      destination: destination("San Francisco", "CA", "94103"),
      shipments: [{ carrier: "ups", service: "Ground", trackingNumber: "1Z999AA10123456791" }],
    },
    scans: [
      [
        labelCreated(100),
        pickedUp(96),
        { hoursAgo: 60, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at facility", city: "Sacramento", region: "CA", offset: WEST },
        { hoursAgo: 31, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "Out for delivery", city: "San Francisco", region: "CA", offset: WEST },
        { hoursAgo: 26, status: "DELIVERED", detail: "delivered", description: "Delivered, front door", city: "San Francisco", region: "CA", offset: WEST },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1005",
      shopper: { name: "Morgan Blake", email: "morgan@example.com", phone: "+16175550155", timeZone: "America/New_York" },
      destination: destination("Boston", "MA", "02108"),
      shipments: [{ carrier: "fedex", service: "Ground", trackingNumber: "794644790149" }],
    },
    scans: [
      [
        labelCreated(80),
        pickedUp(76),
        { hoursAgo: 50, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx hub", city: "Memphis", region: "TN", offset: CENTRAL },
        { hoursAgo: 12, status: "EXCEPTION", detail: "weather_delay", description: "Delay due to severe weather in the area", city: "Hartford", region: "CT", offset: EAST },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1006",
      shopper: { name: "Casey Nguyen", email: "casey@example.com", phone: "+12065550166", timeZone: "America/Los_Angeles" },
      destination: destination("Tacoma", "WA", "98402"),
      shipments: [
        { carrier: "ups", service: "Ground", trackingNumber: "1Z999AA10123456805" },
        { carrier: "usps", service: "Ground Advantage", trackingNumber: "9400111899223344556691" },
      ],
    },
    scans: [
      [
        labelCreated(75),
        pickedUp(72),
        { hoursAgo: 30, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "Out for delivery", city: "Tacoma", region: "WA", offset: WEST },
        { hoursAgo: 25, status: "DELIVERED", detail: "delivered", description: "Delivered to mailroom", city: "Tacoma", region: "WA", offset: WEST },
      ],
      [
        labelCreated(74),
        pickedUp(70),
        { hoursAgo: 18, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at USPS facility", city: "Seattle", region: "WA", offset: WEST },
      ],
    ],
  },
  // Running late: held for a week at Oklahoma City. The hold-up is an exception scan; the re-estimate it
  // triggers widens the window past the one shown, and that slip is recorded as a Delay.
  {
    order: {
      orderNumber: "NW-1007",
      shopper: { name: "Dana Whitfield", email: "dana@example.com", phone: "+15125550177", timeZone: "America/Chicago" },
      destination: destination("Austin", "TX", "78701"),
      shipments: [{ carrier: "fedex", service: "Ground", trackingNumber: "794644790156" }],
    },
    scans: [
      [
        labelCreated(304),
        pickedUp(300),
        { hoursAgo: 276, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx hub", city: "Salt Lake City", region: "UT", offset: -420 },
        { hoursAgo: 256, status: "IN_TRANSIT", detail: "departed_facility", description: "Departed FedEx hub", city: "Salt Lake City", region: "UT", offset: -420 },
        { hoursAgo: 232, status: "IN_TRANSIT", detail: "arrived_at_facility", description: "Arrived at FedEx hub", city: "Denver", region: "CO", offset: -420 },
        { hoursAgo: 206, status: "EXCEPTION", detail: "delayed", description: "Delay: package volume higher than usual at this facility", city: "Oklahoma City", region: "OK", offset: CENTRAL },
        { hoursAgo: 8, status: "IN_TRANSIT", detail: "departed_facility", description: "Departed FedEx facility", city: "Oklahoma City", region: "OK", offset: CENTRAL },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1008",
      shopper: { name: "Eli Romero", email: "eli@example.com", timeZone: "America/Phoenix" },
      destination: destination("Phoenix", "AZ", "85004"),
      shipments: [{ carrier: "ups", service: "Ground", trackingNumber: "1Z999AA10123456812" }],
    },
    scans: [
      [
        labelCreated(80),
        pickedUp(76),
        { hoursAgo: 30, status: "OUT_FOR_DELIVERY", detail: "out_for_delivery", description: "Out for delivery", city: "Phoenix", region: "AZ", offset: -420 },
        { hoursAgo: 22, status: "DELIVERY_ATTEMPTED", detail: "notice_left", description: "Delivery attempted: no one available, notice left", city: "Phoenix", region: "AZ", offset: -420 },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1009",
      shopper: { name: "Harper Lee", email: "harper@example.com", timeZone: "America/Los_Angeles" },
      destination: destination("Eugene", "OR", "97401"),
      shipments: [{ carrier: "usps", service: "Ground Advantage", trackingNumber: "9400111899223344556714" }],
    },
    scans: [
      [
        labelCreated(60),
        pickedUp(56),
        { hoursAgo: 20, status: "AVAILABLE_FOR_PICKUP", detail: "pickup_available", description: "Available for pickup at the Eugene Post Office", city: "Eugene", region: "OR", offset: WEST },
      ],
    ],
  },
  {
    order: {
      orderNumber: "NW-1010",
      shopper: { name: "Quinn Adebayo", email: "quinn@example.com", timeZone: "America/New_York" },
      destination: destination("Atlanta", "GA", "30303"),
      shipments: [{ carrier: "ups", service: "Ground", trackingNumber: "1Z999AA10123456829" }],
    },
    scans: [
      [
        labelCreated(200),
        pickedUp(196),
        { hoursAgo: 120, status: "DELIVERY_ATTEMPTED", detail: "notice_left", description: "Delivery attempted", city: "Atlanta", region: "GA", offset: EAST },
        { hoursAgo: 30, status: "RETURNED_TO_SENDER", detail: "return_to_sender", description: "Returning to sender: not claimed", city: "Atlanta", region: "GA", offset: EAST },
      ],
    ],
  },
];
