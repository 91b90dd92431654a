// The default «Правила оплаты» shown at /payment-rules: the seed portal's rules (order and terms of
// paying by card, crediting, refunds within 30 days, confidentiality) as Abonent works. An
// organization may publish its own text instead (GET /api/v1/organizations/:id/payment-rules).
import type { Locale } from '../../../shared/api/auth.ts';

export interface RulesSection {
  title: string;
  paragraphs: string[];
}

export const rulesText: Record<Locale, RulesSection[]> = {
  ru: [
    {
      title: '1. Порядок оплаты',
      paragraphs: [
        'Оплатить услуги можно банковской картой в личном кабинете: на главной странице или в разделе «Платежи» нажмите «Оплатить», проверьте сумму и адрес электронной почты для чека и нажмите «Оплатить картой».',
        'По умолчанию предлагается сумма к оплате по последней квитанции; её можно изменить. Сумма одного платежа — от 1 до 1 000 000 ₽. Платёж поступает организации, которая обслуживает ваш лицевой счёт; её реквизиты указаны в квитанции.',
        'После нажатия кнопки откроется защищённая страница банка. Введите данные карты и, если банк попросит, одноразовый код подтверждения (3-D Secure). Затем банк вернёт вас в личный кабинет, на страницу платежа.',
      ],
    },
    {
      title: '2. Кассовый чек',
      paragraphs: [
        'По Федеральному закону от 22.05.2003 № 54-ФЗ организация выдаёт электронный кассовый чек за каждый платёж. Он придёт на адрес электронной почты, указанный при оплате.',
      ],
    },
    {
      title: '3. Зачисление',
      paragraphs: [
        'Как только банк подтвердит оплату, платёж сразу зачисляется на лицевой счёт в личном кабинете: баланс на главной странице обновляется в течение нескольких секунд. На странице платежа видны все шаги с временем: платёж создан, оплачен в банке, подтверждён, зачислен.',
        'В учётную систему организации платёж попадает позже, при очередной загрузке платежей — обычно от 1 минуты до 24 часов. Тогда на странице платежа появится шаг «Принят в учёт организации». Платить повторно не нужно.',
        'Если банк отклонил оплату, деньги с карты не списываются, а платёж отмечается как не прошедший. Его можно повторить той же или другой картой.',
      ],
    },
    {
      title: '4. Возврат',
      paragraphs: [
        'Ошибочный или излишний платёж возвращается по письменному заявлению плательщика, поданному в организацию, которая обслуживает лицевой счёт. Заявление рассматривается, и деньги возвращаются на карту, с которой был сделан платёж, в течение 30 дней со дня его получения.',
      ],
    },
    {
      title: '5. Конфиденциальность',
      paragraphs: [
        'Данные карты (номер, срок действия, код CVC) вводятся только на странице банка по защищённому соединению. Личный кабинет и организация их не получают и не хранят: банк сообщает только результат платежа.',
        'Сумма платежа, номер лицевого счёта и адрес электронной почты для чека передаются банку, чтобы провести платёж и выдать чек. Остальные персональные данные обрабатываются по политике обработки персональных данных.',
      ],
    },
  ],
  en: [
    {
      title: '1. How to pay',
      paragraphs: [
        'You can pay for services by bank card in the portal: on the home page or under “Payments”, press “Pay”, check the amount and the e-mail address for the receipt, and press “Pay by card”.',
        'The amount due on the latest bill is proposed; you may change it. One payment is from 1 to 1,000,000 ₽. The money goes to the organization that serves your personal account; its details are on your bill.',
        'The button opens the bank’s secure page. Enter your card details and, if the bank asks, the one-time confirmation code (3-D Secure). The bank then brings you back to the portal, to the payment’s page.',
      ],
    },
    {
      title: '2. Fiscal receipt',
      paragraphs: [
        'Under Federal Law No. 54-FZ of 22 May 2003 the organization issues an electronic fiscal receipt for every payment. It is sent to the e-mail address you give when paying.',
      ],
    },
    {
      title: '3. Crediting',
      paragraphs: [
        'As soon as the bank confirms the payment, it is credited to your personal account in the portal: the balance on the home page updates within seconds. The payment’s page shows every step with its time: created, paid at the bank, confirmed, credited.',
        'The organization’s billing system receives the payment later, with its next payment import — usually within 1 minute to 24 hours. The payment’s page then shows the step “Accepted by the organization’s billing”. There is no need to pay again.',
        'If the bank declines the payment, nothing is taken from your card and the payment is marked as failed. You can try again with the same or another card.',
      ],
    },
    {
      title: '4. Refunds',
      paragraphs: [
        'A mistaken or excess payment is refunded on the payer’s written application to the organization that serves the personal account. The application is reviewed and the money is returned to the card the payment was made with within 30 days of receiving it.',
      ],
    },
    {
      title: '5. Confidentiality',
      paragraphs: [
        'Card details (number, expiry date, CVC code) are entered only on the bank’s page over a secure connection. The portal and the organization never receive or store them: the bank reports only the result of the payment.',
        'The amount, the personal account number and the e-mail address for the receipt are passed to the bank to make the payment and issue the receipt. Other personal data is processed under the personal data processing policy.',
      ],
    },
  ],
};
