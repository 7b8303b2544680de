# Власні тексти errcat українською: те, що команда `errcat` і
# HTML-довідник виводять навколо текстів каталогів.

# en-hash: 216f6875
language-name = Українська

# en-hash: 47837b64
fallback-note = Перекладу мовою «{ $requested }» поки немає; текст показано мовою «{ $language }».

## Рядки під поясненням відповіді API

# en-hash: 5ebb481a
server-said = Сервер відповів
# en-hash: ca4815d3
# en: result
result-field = Поле result
# en-hash: b1fad8c4
data-field = Поле data

## Види кодів

# en-hash: 9c905981
kind-success = успіх
# en-hash: ac4d1f11
kind-accepted = прийнято
# en-hash: 1e9dc859
kind-partial = частковий успіх
# en-hash: bcffdf7a
kind-error = помилка
# en-hash: 982ed7f4
kind-unknown = невідомий код
# en-hash: 99ad349a
retired = більше не використовується

## Стовпці таблиці покриття `errcat check`

# en-hash: b9a970c5
check-locale = локаль
# en-hash: 7a4e6e67
check-required = потрібно
# en-hash: aee12c06
check-translated = перекладено
# en-hash: 911f9f00
check-missing = бракує
# en-hash: 3d9e11d3
check-errors = помилки
# en-hash: 77f01fca
check-warnings = попередження

## Повідомлення про помилки

# en-hash: 5042ec7c
no-match = жоден код не відповідає запиту { $query }
# en-hash: 68fb61fc
check-failed = перевірка виявила помилки
# en-hash: eb8805a7
unknown-code = невідомий код { $code }: у каталозі { $catalog } такого коду немає
unknown-number = невідомий код { $code }: такого номера немає в жодному каталозі
# en-hash: 859973bb
did-you-mean = можливо, ви мали на увазі { $suggestion }?
# en-hash: 4af0cf51
invalid-locale = неприпустима локаль { $locale }: очікується мовний тег, наприклад kk, kk-KZ або kk_KZ.UTF-8
# en-hash: a9ed83c0
or = або
# en-hash: 195cb457
invalid-code = неприпустимий код { $code }: очікується <каталог>:<номер> або <каталог>:<назва>, наприклад planfix:1000
# en-hash: f9f61011
unknown-catalog = невідомий каталог { $catalog } у коді { $code }: відомі каталоги — { $known }
# en-hash: 9b50f9ab
ambiguous-code = неоднозначний код { $code }: { $candidates }
# en-hash: 532d516b
unknown-kind = невідомий вид коду { $kind }: очікується success, accepted, partial, error або unknown
# en-hash: c7af1101
# en: invalid JSON at line { $line }, column { $column }: { $reason -> [eof] the text ends before the JSON does [colon] expected `:` after an object's key [comma] expected `,` or the end of the array or object [trailing-comma] a `,` stands before the end of an array or object [trailing] more text follows the JSON value [key] an object's key must be a string in double quotes [number] the number is not valid or too large [string] the string holds a control character or a bad escape [deep] the JSON is nested too deeply [value] expected a JSON value *[other] the text is not JSON }
invalid-json = некоректний JSON у рядку { $line }, стовпці { $column }: { $reason ->
        [eof] текст закінчується раніше, ніж JSON
        [colon] після ключа об’єкта очікується `:`
        [comma] очікується `,` або кінець масиву чи об’єкта
        [trailing-comma] перед кінцем масиву чи об’єкта стоїть зайва `,`
        [trailing] після значення JSON є зайвий текст
        [key] ключ об’єкта має бути рядком у подвійних лапках
        [number] некоректне або завелике число
        [string] у рядку керівний символ або неправильна escape-послідовність
        [deep] надто глибока вкладеність JSON
        [value] очікується значення JSON
       *[other] текст не є JSON
    }
# en-hash: 1030d20f
invalid-response = некоректна відповідь: { $problem }
# en-hash: dfaba51a
response-not-object = очікується об’єкт JSON, отримано значення типу { $type }
# en-hash: 315218a3
response-no-code = немає поля `code`
# en-hash: ef535c70
response-no-code-field = немає поля `{ $field }`, потрібного для каталогу { $catalog }
# en-hash: aaf7b39d
response-bad-code = у полі `{ $field }` має бути номер коду від 0 до { $max }, отримано { $value }
# en-hash: 52e58ca8
response-ambiguous = за ключами не видно, який API надіслав відповідь: `code` { $number } — це mobizon:{ $number } або planfix:{ $number }; укажіть API
# en-hash: 313c3d56
response-wrapped = відповідь API вкладено в поле { $key }: передайте об’єкт, що міститься в ньому
# en-hash: 21b9acc9
response-mixed = у відповіді є ключі кількох API; укажіть API
# en-hash: 10c3b556
response-not-from-catalog = поле `{ $field }` показує, що відповідь не з каталогу { $catalog }
# en-hash: 154c3f88
recipients-summary = Одержувачі: додано — { $added }, відхилено — { $refused }
# en-hash: 168836dc
no-text = для { $code } немає тексту ні в локалі { $locale }, ні в її резервних локалях
# en-hash: ab3ef2cd
cannot-write-output = не вдалося записати вихідні дані: { $reason }
# en-hash: fcd8f267
cannot-read-stdin = не вдалося прочитати відповідь зі стандартного введення: { $reason }
# en-hash: 2a84a4b4
unexportable = не вдалося експортувати { $code } для локалі { $locale }: його текст для номера { $number } не збігається з шаблоном, у який підставлено номер (вибір за $number?)

## Що `errcat` зробив із файлами

# en-hash: 5cef8452
wrote = записано: { $path }
# en-hash: 6ef34c0b
created = створено: { $path }
# en-hash: 5dad5766
stamped = { $count ->
        [one] { $folder }: { $count } повідомлення позначено як звірене з поточним англійським текстом
        [few] { $folder }: { $count } повідомлення позначено як звірені з поточним англійським текстом
        [many] { $folder }: { $count } повідомлень позначено як звірені з поточним англійським текстом
       *[other] { $folder }: { $count } повідомлення позначено як звірені з поточним англійським текстом
    }

## HTML-довідник кодів

# en-hash: c73ed614
index-heading = Довідник кодів помилок
# en-hash: 6f75da6d
index-lead = Що означає кожен числовий код цих API і що з ним робити.
# en-hash: 6a27c6b0
index-search = Пошук
# en-hash: 8552a9eb
index-search-placeholder = Код, назва або слова…
# en-hash: 42ffab49
index-language = Мова
# en-hash: 6e90899f
index-codes = Коди
# en-hash: cfa63d56
index-contents = Зміст
# en-hash: bd2b48da
index-no-results = Жоден код не відповідає цьому запиту.
