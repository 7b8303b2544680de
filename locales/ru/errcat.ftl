# Собственные тексты errcat на русском: то, что команда `errcat` и
# HTML-справочник выводят вокруг текстов каталогов.

# en-hash: 216f6875
language-name = Русский

# en-hash: 47837b64
fallback-note = Перевода на язык «{ $requested }» пока нет; текст показан на языке «{ $language }».

## Строки под объяснением ответа API

# en-hash: 5ebb481a
server-said = Сервер ответил
# en-hash: ca4815d3
# en: result
result-field = Поле result
# en-hash: b1fad8c4
data-field = Поле data

## Виды кодов

# en-hash: 9c905981
kind-success = успех
# en-hash: ac4d1f11
kind-accepted = принято
# en-hash: 1e9dc859
kind-partial = частичный успех
# en-hash: bcffdf7a
kind-error = ошибка
# en-hash: 982ed7f4
kind-unknown = неизвестный код
# en-hash: 99ad349a
retired = больше не используется

## Столбцы таблицы покрытия `errcat check`

# en-hash: b9a970c5
check-locale = локаль
# en-hash: 7a4e6e67
check-required = требуется
# en-hash: aee12c06
check-translated = переведено
# en-hash: 911f9f00
check-missing = не хватает
# en-hash: 3d9e11d3
check-errors = ошибки
# en-hash: 77f01fca
check-warnings = предупреждения

## Сообщения об ошибках

# en-hash: 5042ec7c
no-match = ни один код не подходит под запрос { $query }
# en-hash: 68fb61fc
check-failed = проверка нашла ошибки
# en-hash: eb8805a7
unknown-code = неизвестный код { $code }: в каталоге { $catalog } такого кода нет
unknown-number = неизвестный код { $code }: такого номера нет ни в одном каталоге
# en-hash: 859973bb
did-you-mean = возможно, имелся в виду { $suggestion }?
# en-hash: 4af0cf51
invalid-locale = недопустимая локаль { $locale }: ожидается языковой тег, например kk, kk-KZ или kk_KZ.UTF-8
# en-hash: a9ed83c0
or = или
# en-hash: 195cb457
invalid-code = недопустимый код { $code }: ожидается <каталог>:<номер> или <каталог>:<имя>, например planfix:1000
# en-hash: f9f61011
unknown-catalog = неизвестный каталог { $catalog } в коде { $code }: известные каталоги — { $known }
# en-hash: 9b50f9ab
ambiguous-code = неоднозначный код { $code }: { $candidates }
# en-hash: 532d516b
unknown-kind = неизвестный вид кода { $kind }: ожидается success, accepted, partial, error или unknown
# en-hash: c7af1101
# en: invalid JSON at line { $line }, column { $column }: { $reason -> [eof] the text ends before the JSON does [colon] expected `:` after an object's key [comma] expected `,` or the end of the array or object [trailing-comma] a `,` stands before the end of an array or object [trailing] more text follows the JSON value [key] an object's key must be a string in double quotes [number] the number is not valid or too large [string] the string holds a control character or a bad escape [deep] the JSON is nested too deeply [value] expected a JSON value *[other] the text is not JSON }
invalid-json = некорректный JSON в строке { $line }, столбце { $column }: { $reason ->
        [eof] текст кончается раньше, чем JSON
        [colon] после ключа объекта ожидается `:`
        [comma] ожидается `,` или конец массива или объекта
        [trailing-comma] перед концом массива или объекта стоит лишняя `,`
        [trailing] после значения JSON есть лишний текст
        [key] ключ объекта должен быть строкой в двойных кавычках
        [number] некорректное или слишком большое число
        [string] в строке управляющий символ или неверная escape-последовательность
        [deep] слишком глубокая вложенность JSON
        [value] ожидается значение JSON
       *[other] текст не является JSON
    }
# en-hash: 1030d20f
invalid-response = некорректный ответ: { $problem }
# en-hash: dfaba51a
response-not-object = ожидается объект JSON, получено значение типа { $type }
# en-hash: 315218a3
response-no-code = нет поля `code`
# en-hash: ef535c70
response-no-code-field = нет поля `{ $field }`, которое нужно для каталога { $catalog }
# en-hash: aaf7b39d
response-bad-code = в поле `{ $field }` должен быть номер кода от 0 до { $max }, получено { $value }
# en-hash: 52e58ca8
response-ambiguous = по ключам нельзя понять, какой API прислал ответ: `code` { $number } — это mobizon:{ $number } или planfix:{ $number }; укажите API
# en-hash: 313c3d56
response-wrapped = ответ API вложен в поле { $key }: передайте объект, который в нем находится
# en-hash: 21b9acc9
response-mixed = в ответе есть ключи нескольких API; укажите API
# en-hash: 10c3b556
response-not-from-catalog = поле `{ $field }` показывает, что ответ не из каталога { $catalog }
# en-hash: 154c3f88
recipients-summary = Получатели: добавлено — { $added }, отклонено — { $refused }
# en-hash: 168836dc
no-text = для { $code } нет текста ни в локали { $locale }, ни в ее запасных локалях
# en-hash: ab3ef2cd
cannot-write-output = не удалось записать вывод: { $reason }
# en-hash: fcd8f267
cannot-read-stdin = не удалось прочитать ответ из стандартного ввода: { $reason }
# en-hash: 2a84a4b4
unexportable = не удалось экспортировать { $code } для локали { $locale }: его текст для номера { $number } не совпадает с шаблоном, в который подставлен номер (выбор по $number?)

## Что `errcat` сделал с файлами

# en-hash: 5cef8452
wrote = записано: { $path }
# en-hash: 6ef34c0b
created = создано: { $path }
# en-hash: 5dad5766
stamped = { $count ->
        [one] { $folder }: сверка с текущим английским текстом отмечена для { $count } сообщения
        [few] { $folder }: сверка с текущим английским текстом отмечена для { $count } сообщений
        [many] { $folder }: сверка с текущим английским текстом отмечена для { $count } сообщений
       *[other] { $folder }: сверка с текущим английским текстом отмечена для { $count } сообщения
    }

## HTML-справочник кодов

# en-hash: c73ed614
index-heading = Справочник кодов ошибок
# en-hash: 6f75da6d
index-lead = Что означает каждый числовой код этих API и что с ним делать.
# en-hash: 6a27c6b0
index-search = Поиск
# en-hash: 8552a9eb
index-search-placeholder = Код, имя или слова…
# en-hash: 42ffab49
index-language = Язык
# en-hash: 6e90899f
index-codes = Коды
# en-hash: cfa63d56
index-contents = Содержание
# en-hash: bd2b48da
index-no-results = Ни один код не подходит под этот запрос.
