// The personal data processing policy shown at /privacy. Its version is the one the registration
// consent records (PERSONAL_DATA_POLICY_VERSION); a new text gets a new version there too.
import type { Locale } from '../../../shared/api/auth.ts';

export interface PolicySection {
  title: string;
  paragraphs: string[];
}

export const policyText: Record<Locale, PolicySection[]> = {
  ru: [
    {
      title: '1. Кто обрабатывает данные',
      paragraphs: [
        'Оператор персональных данных — организация, которая обслуживает ваш лицевой счёт и предоставляет вам этот личный кабинет (управляющая компания, ТСЖ или интернет-провайдер). Её название и контакты указаны в квитанции и в личном кабинете.',
        'Политика составлена в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных».',
      ],
    },
    {
      title: '2. Какие данные мы обрабатываем',
      paragraphs: [
        'Адрес электронной почты и пароль (хранится только в виде необратимого хеша); номер лицевого счёта, адрес помещения и ФИО владельца счёта; начисления, платежи и показания счётчиков; язык интерфейса; IP-адрес и время входа, регистрации и смены пароля.',
      ],
    },
    {
      title: '3. Зачем',
      paragraphs: [
        'Чтобы вы могли входить в личный кабинет, видеть начисления и платежи, передавать показания и оплачивать услуги; чтобы подтвердить, что лицевой счёт принадлежит вам; чтобы отправлять служебные письма (подтверждение регистрации, восстановление пароля); чтобы защищать кабинет от подбора паролей и мошенничества.',
      ],
    },
    {
      title: '4. Основания и сроки',
      paragraphs: [
        'Данные обрабатываются на основании вашего согласия и договора на оказание услуг (ст. 6 152-ФЗ). Данные учётной записи хранятся, пока она существует, и удаляются не позднее 30 дней после её удаления; журналы безопасности — не дольше 1 года, если закон не требует хранить их дольше.',
      ],
    },
    {
      title: '5. Кому передаются',
      paragraphs: [
        'Только тем, кто помогает оказывать услуги: хостинг-провайдеру и почтовому сервису — в объёме, необходимом для их работы, а также органам власти в случаях, предусмотренных законом. Данные хранятся на серверах в России.',
      ],
    },
    {
      title: '6. Ваши права',
      paragraphs: [
        'Вы можете узнать, какие ваши данные обрабатываются, потребовать их уточнения или удаления и отозвать согласие, написав в организацию, обслуживающую ваш лицевой счёт. После отзыва согласия мы удалим учётную запись; сведения, которые организация обязана хранить по закону (например, о начислениях и платежах), останутся у неё.',
      ],
    },
    {
      title: '7. Защита',
      paragraphs: [
        'Соединение шифруется, пароли хранятся в виде хеша, доступ сотрудников ограничен их обязанностями, действия с данными записываются в журнал.',
      ],
    },
  ],
  en: [
    {
      title: '1. Who processes the data',
      paragraphs: [
        'The operator of your personal data is the organization that serves your personal account and provides this portal to you (a management company, a homeowners’ association or an internet provider). Its name and contacts are on your bill and in the portal.',
        'This policy follows Russian Federal Law No. 152-FZ of 27 July 2006 “On Personal Data”.',
      ],
    },
    {
      title: '2. What data we process',
      paragraphs: [
        'Your e-mail address and password (stored only as a one-way hash); the personal account number, the address of the premises and the account holder’s name; charges, payments and meter readings; the interface language; the IP address and time of sign-ins, registration and password changes.',
      ],
    },
    {
      title: '3. Why',
      paragraphs: [
        'So that you can sign in, see charges and payments, submit meter readings and pay for services; to confirm that the personal account is yours; to send service messages (registration confirmation, password reset); to protect the portal against password guessing and fraud.',
      ],
    },
    {
      title: '4. Legal grounds and retention',
      paragraphs: [
        'The data is processed on the basis of your consent and of the service contract (Article 6 of 152-FZ). Account data is kept while the account exists and deleted within 30 days after it is closed; security logs are kept for no longer than 1 year unless the law requires more.',
      ],
    },
    {
      title: '5. Who receives it',
      paragraphs: [
        'Only those who help provide the service, the hosting provider and the e-mail service, to the extent their work needs, and public authorities where the law requires. The data is stored on servers in Russia.',
      ],
    },
    {
      title: '6. Your rights',
      paragraphs: [
        'You may ask what data about you is processed, have it corrected or deleted, and withdraw your consent by writing to the organization that serves your account. After a withdrawal we delete the portal account; records the organization must keep by law (such as charges and payments) stay with it.',
      ],
    },
    {
      title: '7. Protection',
      paragraphs: [
        'Connections are encrypted, passwords are stored as hashes, staff access is limited to their duties, and actions with the data are logged.',
      ],
    },
  ],
};
